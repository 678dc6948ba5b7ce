/** A plan is pure data: what a command would do to the disk, built without touching it. */

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

export interface Plan {
  /** Absolute directory the step paths are relative to. */
  readonly root: string;
  readonly steps: readonly PlanStep[];
}
