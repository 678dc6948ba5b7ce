/**
 * Applies a plan to an existing directory all-or-nothing: every precondition is checked before the first change,
 * each file is replaced through a temp file + rename (never left half-written), and if any step fails every
 * change already made is undone from in-memory backups and the directories it created are removed.
 * Deleting a file also removes the directories it leaves empty (up to, not including, the plan's root).
 *
 * The file system is used synchronously, in the same order as step by step: a plan is some eighty small files, and
 * each call through the thread pool would wait for a thread, which on a busy 2-core machine costs more than the
 * call itself. Between two batches of steps the event loop turns, so that Ctrl-C and SIGTERM are still seen.
 */
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
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


type Undo = () => void;


function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Whether `directory` (absolute) lies below `root`: parents are removed up to the root, never beyond. */
function isBelow(root: string, directory: string): boolean {
  const fromRoot = path.relative(root, directory);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !path.isAbsolute(fromRoot);
}

/** What is at `file` now; `blocked` when a parent path is a file, so nothing can be created there. */
function occupantOf(file: string): 'nothing' | 'file' | 'directory' | 'blocked' {
  try {
    return lstatSync(file).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'nothing';
    if (errorCode(error) === 'ENOTDIR') return 'blocked';
    throw error;
  }
}

function problemWith(step: PlanStep, absolute: string, overwrite: boolean): string | undefined {
  if (step.kind === 'write') {
    switch (occupantOf(absolute)) {
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
  const current = readIfExists(absolute);
  if (current === undefined) return `${step.path} is missing`;
  return current === step.before ? undefined : `${step.path} changed since the plan was made`;
}

function checkPreconditions(plan: Plan, overwrite: boolean): Map<PlanStep, string> {
  const targets = new Map<PlanStep, string>();
  const seen = new Set<string>();
  // Every step checked, reported in plan order.
  const problems = plan.steps.map((step) => {
    const absolute = isProjectPath(step.path) ? path.join(plan.root, ...step.path.split('/')) : undefined;
    if (absolute === undefined) return `${step.path} is outside ${plan.root}`;
    if (seen.has(absolute)) return `${step.path} appears twice in the plan`;
    seen.add(absolute);
    targets.set(step, absolute);
    return problemWith(step, absolute, overwrite);
  });
  const found = problems.filter((problem): problem is string => problem !== undefined);
  if (found.length > 0) throw new PlanConflictError(found);
  return targets;
}

let tempCounter = 0;

/** Writes beside the target, then renames over it: a reader sees the old or the new file, never a partial one. */
function replaceFile(file: string, content: string, mode?: number): void {
  tempCounter += 1;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${tempCounter}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    if (mode !== undefined) chmodSync(temp, mode); // exact, unlike writeFile's mode, which umask narrows
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function modeOf(file: string): number | undefined {
  try {
    return statSync(file).mode & 0o7777;
  } catch {
    return undefined;
  }
}

/** Creates the missing directories above `file` one by one, recording each so rollback can remove exactly them. */
function ensureParent(file: string, created: string[]): void {
  const missing: string[] = [];
  for (let directory = path.dirname(file); !exists(directory); directory = path.dirname(directory)) {
    missing.unshift(directory);
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory);
      created.push(directory);
    } catch (error) {
      if (errorCode(error) !== 'EEXIST') throw error; // a step of the same batch made it first
    }
  }
}

function removeEmptyParents(file: string, root: string): void {
  for (let directory = path.dirname(file); isBelow(root, directory); directory = path.dirname(directory)) {
    try {
      rmdirSync(directory);
    } catch {
      return; // not empty (or not ours to remove): stop climbing
    }
  }
}

function applyStep(step: PlanStep, file: string, root: string, created: string[]): Undo {
  switch (step.kind) {
    case 'write': {
      ensureParent(file, created);
      const previous = readIfExists(file);
      const mode = modeOf(file);
      replaceFile(file, step.content, mode);
      return previous === undefined ? () => unlinkSync(file) : () => replaceFile(file, previous, mode);
    }
    case 'edit': {
      const mode = modeOf(file);
      replaceFile(file, step.after, mode);
      return () => replaceFile(file, step.before, mode);
    }
    case 'delete': {
      const mode = modeOf(file);
      unlinkSync(file);
      removeEmptyParents(file, root);
      return () => {
        mkdirSync(path.dirname(file), { recursive: true });
        replaceFile(file, step.before, mode);
      };
    }
  }
}

/** A step as a settled outcome, as the batch reports it: its undo, or why it failed. */
function attempt(step: PlanStep, file: string, root: string, created: string[]): PromiseSettledResult<Undo> {
  try {
    return { status: 'fulfilled', value: applyStep(step, file, root, created) };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

function rollback(undos: readonly { step: PlanStep; undo: Undo }[], created: readonly string[]): string[] {
  const unrestored: string[] = [];
  for (const { step, undo } of [...undos].reverse()) {
    try {
      undo();
    } catch {
      unrestored.push(step.path);
    }
  }
  for (const directory of [...created].reverse()) {
    try {
      rmdirSync(directory);
    } catch {
      // still holds files we could not remove: keep it
    }
  }
  return unrestored;
}

/**
 * One full turn of the event loop, its I/O poll included: signals reach their listeners there (an immediate
 * queued from an immediate runs only after the next poll).
 */
const loopTurn = (): Promise<void> => new Promise((resolve) => setImmediate(() => setImmediate(resolve)));

function reasonOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
}

/** Steps applied between two looks for Ctrl-C. */
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
  const targets = checkPreconditions({ ...plan, root }, options.overwrite ?? false);
  const undos: { step: PlanStep; undo: Undo }[] = [];
  const created: string[] = [];
  const interrupts = trapInterrupts();
  try {
    for (const batch of batchesOf(plan.steps)) {
      const interruptedBy = interrupts.interruptedBy();
      const settled = interruptedBy === undefined
        ? batch.map((step) => attempt(step, targets.get(step) ?? '', root, created))
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
      if (reason === undefined) {
        await loopTurn();
        continue;
      }
      const step = batch[Math.max(failedAt, 0)];
      const unrestored = rollback(undos, created);
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
