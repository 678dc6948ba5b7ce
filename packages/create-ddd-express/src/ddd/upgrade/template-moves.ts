/**
 * Files the templates moved. Without this list an upgrade would see a removed file and an added one, and the
 * user's changes to the old file would stay behind in it; with it they are merged into the file at its new path.
 * Applies whenever the record has the old path and the new templates have the new one, whatever the versions.
 */
export interface TemplateMove {
  readonly from: string;
  readonly to: string;
}

export const TEMPLATE_MOVES: readonly TemplateMove[] = [
  // 42f7f3f: test support sits above the composition root, outside shared/.
  { from: 'src/shared/testing/test-app.ts', to: 'src/testing/test-app.ts' },
];

export interface MovedFiles {
  readonly base: ReadonlyMap<string, string>;
  readonly theirs: ReadonlyMap<string, string | undefined>;
  readonly ours: ReadonlyMap<string, string>;
  /** The old paths, to delete: their content now goes through the merge at the new path. */
  readonly reports: readonly { readonly path: string; readonly outcome: 'moved'; readonly reason: string }[];
}

export function applyMoves(
  base: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string | undefined>,
  ours: ReadonlyMap<string, string>,
  moves: readonly TemplateMove[],
): MovedFiles {
  const movedBase = new Map(base);
  const theirs = new Map(current);
  const reports: MovedFiles['reports'][number][] = [];
  for (const { from, to } of moves) {
    const recorded = movedBase.get(from);
    if (recorded === undefined || movedBase.has(to) || !ours.has(to) || ours.has(from)) continue;
    movedBase.delete(from);
    movedBase.set(to, recorded);
    if (theirs.get(to) === undefined) theirs.set(to, current.get(from));
    theirs.delete(from);
    if (current.get(from) !== undefined) reports.push({ path: from, outcome: 'moved', reason: `the template moved it to ${to}` });
  }
  return { base: movedBase, theirs, ours, reports };
}
