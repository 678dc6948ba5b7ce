/** A plan is pure data: what a command would do to the disk, built without touching it. */
import path from 'node:path';

export interface FileWrite {
  readonly kind: 'write';
  /** Path relative to the plan's root, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

export interface FileEdit {
  readonly kind: 'edit';
  readonly path: string;
  /** The content the edit was computed from: applying refuses if the file no longer holds it. */
  readonly before: string;
  readonly after: string;
  /** One line for people: what the edit does. */
  readonly summary: string;
}

export interface FileDelete {
  readonly kind: 'delete';
  readonly path: string;
  /** The content expected on disk before deleting it. */
  readonly before: string;
}

export type PlanStep = FileWrite | FileEdit | FileDelete;

/** Whether `file` is a `/`-separated path that stays inside the plan's root: the only kind a plan may touch. */
export function isProjectPath(file: string): boolean {
  if (file === '' || file.includes('\\') || path.posix.isAbsolute(file)) return false;
  const normalized = path.posix.normalize(file);
  return normalized === file && normalized !== '.' && !normalized.startsWith('../');
}

export interface Plan {
  /** Absolute directory the step paths are relative to. */
  readonly root: string;
  readonly steps: readonly PlanStep[];
}
