import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { INTERRUPTED_EXIT_CODE, trapInterrupts } from '../shared/interrupts';
import { type FileWrite, isProjectPath, type Plan } from './plan';

export interface ApplyToNewDirectoryOptions {
  /** Replaces the file write; tests use it to fail (or be interrupted) half-way. */
  readonly writeFile?: (file: string, content: string) => Promise<void>;
}


const PROJECT_DIRECTORY_MODE = 0o755;
/** Files written at once: enough to keep libuv's four file-system threads busy. */
const WRITE_BATCH = 16;

/**
 * Creates `plan.root` holding exactly the plan's files, or nothing at all: files are written into a hidden
 * staging directory beside the target (same parent, so the final rename cannot cross file systems), which is
 * renamed into place once complete. A target that already exists (empty, or holding only `.git`) receives the
 * staged entries instead. An error, Ctrl-C or SIGTERM before that point removes the staging directory.
 */
export async function applyToNewDirectory(plan: Plan, options: ApplyToNewDirectoryOptions = {}): Promise<void> {
  const writes = plan.steps.map(asSafeWrite);
  const write = options.writeFile ?? ((file: string, content: string) => writeFile(file, content));
  const parent = path.dirname(plan.root);
  const createdParent = await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(plan.root)}-`));
  // mkdtemp makes the directory private (0700); a project directory is an ordinary one.
  await chmod(staging, PROJECT_DIRECTORY_MODE);

  const interrupts = trapInterrupts();
  try {
    const files = writes.map((step) => ({ file: path.join(staging, ...step.path.split('/')), content: step.content }));
    for (const directory of new Set(files.map(({ file }) => path.dirname(file)))) await mkdir(directory, { recursive: true });
    // In batches: one write at a time would wait on the file system ~270 times in a row.
    for (let start = 0; start < files.length && !interrupts.interruptedBy(); start += WRITE_BATCH) {
      const batch = files.slice(start, start + WRITE_BATCH);
      const settled = await Promise.allSettled(batch.map(({ file, content }) => write(file, content)));
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed !== undefined) throw failed.reason;
    }
    const interruptedBy = interrupts.interruptedBy();
    if (interruptedBy) {
      throw new CliError(`Interrupted (${interruptedBy}); nothing was written.`, undefined, INTERRUPTED_EXIT_CODE);
    }
    await moveIntoPlace(staging, plan.root);
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

async function moveIntoPlace(staging: string, target: string): Promise<void> {
  if (!existsSync(target)) {
    await rename(staging, target);
    return;
  }
  const entries = await readdir(staging);
  const clashes = entries.filter((entry) => existsSync(path.join(target, entry)));
  if (clashes.length > 0) throw new Error(`${target} already holds ${clashes.join(', ')}`);
  const moved: string[] = [];
  try {
    for (const entry of entries) {
      await rename(path.join(staging, entry), path.join(target, entry));
      moved.push(entry);
    }
  } catch (error) {
    // Put back what already moved so that the caller's cleanup of `staging` removes all of it.
    for (const entry of moved) await rename(path.join(target, entry), path.join(staging, entry));
    throw error;
  }
  await rm(staging, { recursive: true, force: true });
}
