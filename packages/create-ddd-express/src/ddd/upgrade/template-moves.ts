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
  /** The old paths, to delete: their content now goes through the merge at the new path. */
  readonly reports: readonly { readonly path: string; readonly outcome: 'moved'; readonly reason: string }[];
  /** New path → the user's file it continues. */
  readonly movedTo: ReadonlyMap<string, string>;
}

/** Where the templates have `from` now, following moves made one after another (a → b, then b → c). */
function destinationOf(from: string, moves: readonly TemplateMove[], ours: ReadonlyMap<string, string>): string | undefined {
  const next = new Map(moves.map((move) => [move.from, move.to]));
  const seen = new Set<string>([from]);
  for (let path = next.get(from); path !== undefined && !seen.has(path); path = next.get(path)) {
    if (ours.has(path)) return path;
    seen.add(path);
  }
  return undefined;
}

/**
 * Carries the recorded base and the user's file from each moved path to its new one. A move is left out when the
 * user already has a file at the new path: their old file then takes its ordinary course (removed if unchanged,
 * else kept), and nothing of theirs is deleted unmerged.
 */
export function applyMoves(
  base: ReadonlyMap<string, string>,
  current: ReadonlyMap<string, string | undefined>,
  ours: ReadonlyMap<string, string>,
  moves: readonly TemplateMove[],
): MovedFiles {
  const movedBase = new Map(base);
  const theirs = new Map(current);
  const reports: MovedFiles['reports'][number][] = [];
  const movedTo = new Map<string, string>();
  for (const { from } of moves) {
    const recorded = movedBase.get(from);
    const to = destinationOf(from, moves, ours);
    if (recorded === undefined || to === undefined || ours.has(from) || movedBase.has(to)) continue;
    if (current.get(to) !== undefined) continue;
    movedBase.delete(from);
    movedBase.set(to, recorded);
    theirs.set(to, current.get(from));
    theirs.delete(from);
    movedTo.set(to, from);
    if (current.get(from) !== undefined) reports.push({ path: from, outcome: 'moved', reason: `the template moved it to ${to}` });
  }
  return { base: movedBase, theirs, reports, movedTo };
}
