import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { INTERRUPTED_EXIT_CODE, trapInterrupts } from '../shared/interrupts';
import { type FileWrite, isProjectPath, type Plan } from './plan';

export interface ApplyToNewDirectoryOptions {
  /** Replaces the file write; tests use it to fail (or be interrupted) half-way. */
  readonly writeFile?: (file: string, content: string) => Promise<void>;
}


const PROJECT_DIRECTORY_MODE = 0o755;
/** Files written between two looks for Ctrl-C. */
const WRITE_BATCH = 16;

/**
 * Synchronous on purpose: a new project is ~270 small files in a directory nobody else sees yet, and each write
 * through the thread pool (open, write, close) waits three times for a thread, which on a busy 2-core machine
 * costs more than the writes themselves.
 */
const writeNow = (file: string, content: string): Promise<void> =>
  new Promise((resolve) => {
    writeFileSync(file, content); // a throw rejects, as the asynchronous write would
    resolve();
  });

/**
 * One full turn of the event loop, its I/O poll included: signals reach their listeners there, so that a Ctrl-C
 * during synchronous writes is seen before the next batch (an immediate queued from an immediate runs only after
 * the next poll).
 */
const loopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

/**
 * Creates `plan.root` holding exactly the plan's files, or nothing at all: files are written into a hidden
 * staging directory beside the target (same parent, so the final rename cannot cross file systems), which is
 * renamed into place once complete. A target that already exists (empty, or holding only `.git`) receives the
 * staged entries instead. An error, Ctrl-C or SIGTERM before that point removes the staging directory.
 */
export async function applyToNewDirectory(plan: Plan, options: ApplyToNewDirectoryOptions = {}): Promise<void> {
  const writes = plan.steps.map(asSafeWrite);
  const write = options.writeFile ?? writeNow;
  const parent = path.dirname(plan.root);
  const createdParent = mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(plan.root)}-`));
  // mkdtemp makes the directory private (0700); a project directory is an ordinary one.
  chmodSync(staging, PROJECT_DIRECTORY_MODE);

  const interrupts = trapInterrupts();
  try {
    const files = writes.map((step) => ({ file: path.join(staging, ...step.path.split('/')), content: step.content }));
    for (const directory of new Set(files.map(({ file }) => path.dirname(file)))) mkdirSync(directory, { recursive: true });
    for (let start = 0; start < files.length && !interrupts.interruptedBy(); start += WRITE_BATCH) {
      const batch = files.slice(start, start + WRITE_BATCH);
      const settled = await Promise.allSettled(batch.map(({ file, content }) => write(file, content)));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
      await loopTurn();
    }
    const interruptedBy = interrupts.interruptedBy();
    if (interruptedBy) {
      throw new CliError(`Interrupted (${interruptedBy}); nothing was written.`, undefined, INTERRUPTED_EXIT_CODE);
    }
    moveIntoPlace(staging, plan.root);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    throw error;
  } finally {
    interrupts.release();
  }
}

function asSafeWrite(step: Plan['steps'][number]): FileWrite {
  if (step.kind !== 'write') throw new Error(`A new directory can only receive writes, not a ${step.kind} of ${step.path}`);
  if (!isProjectPath(step.path)) {
    throw new Error(`Refusing to write outside the project: ${step.path}`);
  }
  return step;
}

function moveIntoPlace(staging: string, target: string): void {
  if (!existsSync(target)) {
    renameSync(staging, target);
    return;
  }
  const entries = readdirSync(staging);
  const clashes = entries.filter((entry) => existsSync(path.join(target, entry)));
  if (clashes.length > 0) throw new Error(`${target} already holds ${clashes.join(', ')}`);
  const moved: string[] = [];
  try {
    for (const entry of entries) {
      renameSync(path.join(staging, entry), path.join(target, entry));
      moved.push(entry);
    }
  } catch (error) {
    // Put back what already moved so that the caller's cleanup of `staging` removes all of it.
    for (const entry of moved) renameSync(path.join(target, entry), path.join(staging, entry));
    throw error;
  }
  rmSync(staging, { recursive: true, force: true });
}
