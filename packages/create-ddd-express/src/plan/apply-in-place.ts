/**
 * Applies a plan to an existing directory all-or-nothing: every precondition is checked before the first change,
 * each file is replaced through a temp file + rename (never left half-written), and if any step fails every
 * change already made is undone from in-memory backups and the directories it created are removed.
 * Deleting a file also removes the directories it leaves empty (up to, not including, the plan's root).
 */
import { chmod, lstat, mkdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { errorCode } from '../shared/fs-errors';
import { INTERRUPTED_EXIT_CODE, trapInterrupts } from '../shared/interrupts';
import { isProjectPath, type Plan, type PlanStep } from './plan';

export interface ApplyInPlaceOptions {
  /** Let `write` steps replace files that already exist (`--force`). */
  readonly overwrite?: boolean;
}

/** The plan no longer matches the disk; nothing was changed. */
export class PlanConflictError extends CliError {
  constructor(readonly problems: readonly string[]) {
    super(
      `nothing was written: ${problems.join('; ')}`,
      'The project changed since the plan was made or a file is in the way; check it and run the command again.',
    );
    this.name = 'PlanConflictError';
  }
}

/** A step failed while applying; everything done before it was undone (unless `unrestored` lists paths). */
export class PlanApplyError extends CliError {
  constructor(message: string, readonly unrestored: readonly string[], exitCode = 1) {
    super(message, undefined, exitCode);
    this.name = 'PlanApplyError';
  }
}


type Undo = () => Promise<void>;


async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(file: string): Promise<boolean> {
  return lstat(file).then(() => true, (error: unknown) => {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  });
}

/** Whether `directory` (absolute) lies below `root`: parents are removed up to the root, never beyond. */
function isBelow(root: string, directory: string): boolean {
  const fromRoot = path.relative(root, directory);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot);
}

/** What is at `file` now; `blocked` when a parent path is a file, so nothing can be created there. */
async function occupantOf(file: string): Promise<'nothing' | 'file' | 'directory' | 'blocked'> {
  try {
    return (await lstat(file)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'nothing';
    if (errorCode(error) === 'ENOTDIR') return 'blocked';
    throw error;
  }
}

async function problemWith(step: PlanStep, absolute: string, overwrite: boolean): Promise<string | undefined> {
  if (step.kind === 'write') {
    switch (await occupantOf(absolute)) {
      case 'nothing':
        return undefined;
      case 'blocked':
        return `${step.path} cannot be created: a parent of it is a file`;
      case 'directory':
        return `${step.path} is a directory`;
      case 'file':
        return overwrite ? undefined : `${step.path} already exists (pass --force to overwrite it)`;
    }
  }
  const current = await readIfExists(absolute);
  if (current === undefined) return `${step.path} is missing`;
  return current === step.before ? undefined : `${step.path} changed since the plan was made`;
}

async function checkPreconditions(plan: Plan, overwrite: boolean): Promise<Map<PlanStep, string>> {
  const targets = new Map<PlanStep, string>();
  const seen = new Set<string>();
  // Checked all at once, reported in plan order.
  const problems = await Promise.all(
    plan.steps.map((step) => {
      const absolute = isProjectPath(step.path) ? path.join(plan.root, ...step.path.split('/')) : undefined;
      if (absolute === undefined) return Promise.resolve(`${step.path} is outside ${plan.root}`);
      if (seen.has(absolute)) return Promise.resolve(`${step.path} appears twice in the plan`);
      seen.add(absolute);
      targets.set(step, absolute);
      return problemWith(step, absolute, overwrite);
    }),
  );
  const found = problems.filter((problem): problem is string => problem !== undefined);
  if (found.length > 0) throw new PlanConflictError(found);
  return targets;
}

let tempCounter = 0;

/** Writes beside the target, then renames over it: a reader sees the old or the new file, never a partial one. */
async function replaceFile(file: string, content: string, mode?: number): Promise<void> {
  tempCounter += 1;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${tempCounter}.tmp`);
  try {
    await writeFile(temp, content, { flag: 'wx' });
    if (mode !== undefined) await chmod(temp, mode); // exact, unlike writeFile's mode, which umask narrows
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function modeOf(file: string): Promise<number | undefined> {
  return stat(file).then((stats) => stats.mode & 0o7777, () => undefined);
}

/** Creates the missing directories above `file` one by one, recording each so rollback can remove exactly them. */
async function ensureParent(file: string, created: string[]): Promise<void> {
  const missing: string[] = [];
  for (let directory = path.dirname(file); !(await exists(directory)); directory = path.dirname(directory)) {
    missing.unshift(directory);
  }
  for (const directory of missing) {
    try {
      await mkdir(directory);
      created.push(directory);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error; // a step of the same batch made it first
    }
  }
}

async function removeEmptyParents(file: string, root: string): Promise<void> {
  for (let directory = path.dirname(file); isBelow(root, directory); directory = path.dirname(directory)) {
    try {
      await rmdir(directory);
    } catch {
      return; // not empty (or not ours to remove): stop climbing
    }
  }
}

async function applyStep(step: PlanStep, file: string, root: string, created: string[]): Promise<Undo> {
  switch (step.kind) {
    case 'write': {
      await ensureParent(file, created);
      const previous = await readIfExists(file);
      const mode = await modeOf(file);
      await replaceFile(file, step.content, mode);
      return previous === undefined ? () => unlink(file) : () => replaceFile(file, previous, mode);
    }
    case 'edit': {
      const mode = await modeOf(file);
      await replaceFile(file, step.after, mode);
      return () => replaceFile(file, step.before, mode);
    }
    case 'delete': {
      const mode = await modeOf(file);
      await unlink(file);
      await removeEmptyParents(file, root);
      return async () => {
        await mkdir(path.dirname(file), { recursive: true });
        await replaceFile(file, step.before, mode);
      };
    }
  }
}

async function rollback(undos: readonly { step: PlanStep; undo: Undo }[], created: readonly string[]): Promise<string[]> {
  const unrestored: string[] = [];
  for (const { step, undo } of [...undos].reverse()) {
    await undo().catch(() => unrestored.push(step.path));
  }
  for (const directory of [...created].reverse()) {
    await rmdir(directory).catch(() => undefined); // still holds files we could not remove: keep it
  }
  return unrestored;
}

function reasonOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/** Steps applied at once: one at a time would wait on the file system several times per step, in a row. */
const STEP_BATCH = 16;

/**
 * Batches of writes and edits first, then batches of deletes, never mixed: a delete removes the directories it
 * empties, which a write of the same batch could be about to fill.
 */
function batchesOf(steps: readonly PlanStep[]): PlanStep[][] {
  const chunks = (kind: readonly PlanStep[]): PlanStep[][] =>
    Array.from({ length: Math.ceil(kind.length / STEP_BATCH) }, (_, index) => kind.slice(index * STEP_BATCH, (index + 1) * STEP_BATCH));
  return [...chunks(steps.filter((step) => step.kind !== 'delete')), ...chunks(steps.filter((step) => step.kind === 'delete'))];
}

/**
 * Applies `plan` to the disk, all or nothing. Throws PlanConflictError or PlanApplyError; never half-applies:
 * Ctrl-C or SIGTERM while applying stops between two batches of steps and undoes the ones done (exit code 130).
 */
export async function applyPlanInPlace(plan: Plan, options: ApplyInPlaceOptions = {}): Promise<void> {
  const root = path.resolve(plan.root);
  const targets = await checkPreconditions({ ...plan, root }, options.overwrite ?? false);
  const undos: { step: PlanStep; undo: Undo }[] = [];
  const created: string[] = [];
  const interrupts = trapInterrupts();
  try {
    for (const batch of batchesOf(plan.steps)) {
      const interruptedBy = interrupts.interruptedBy();
      const settled = interruptedBy === undefined
        ? await Promise.allSettled(batch.map((step) => applyStep(step, targets.get(step) ?? '', root, created)))
        : [];
      settled.forEach((outcome, index) => {
        const step = batch[index];
        if (outcome.status === 'fulfilled' && step !== undefined) undos.push({ step, undo: outcome.value });
      });
      const failedAt = settled.findIndex((outcome) => outcome.status === 'rejected');
      const failure = settled[failedAt];
      const reason = interruptedBy === undefined
        ? failure?.status === 'rejected' ? reasonOf(failure.reason) : undefined
        : `interrupted by ${interruptedBy}`;
      if (reason === undefined) continue;
      const step = batch[Math.max(failedAt, 0)];
      const unrestored = await rollback(undos, created);
      const outcome = unrestored.length === 0
        ? 'every change was undone'
        : `COULD NOT RESTORE ${unrestored.join(', ')}: check them by hand`;
      const exitCode = interrupts.interruptedBy() === undefined ? 1 : INTERRUPTED_EXIT_CODE;
      throw new PlanApplyError(`could not ${step?.kind ?? 'apply'} ${step?.path ?? ''} (${reason}); ${outcome}`, unrestored, exitCode);
    }
  } finally {
    interrupts.release();
  }
}
