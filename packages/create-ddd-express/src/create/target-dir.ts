import { readdirSync, statSync } from 'node:fs';
import { CliError } from '../shared/cli-error';

/** What is at the target today; anything other than these is refused. */
export type TargetState = 'missing' | 'empty' | 'git-only';

/** Entries a new project may be created next to: a repository the user initialised before running us. */
const TOLERATED_ENTRIES = new Set(['.git']);

export function inspectTargetDir(targetDir: string, shownAs: string): TargetState {
  const stats = statSync(targetDir, { throwIfNoEntry: false });
  if (!stats) return 'missing';
  if (!stats.isDirectory()) {
    throw new CliError(`${shownAs} exists and is not a directory.`, 'Choose another project directory.');
  }
  const entries = readdirSync(targetDir);
  if (entries.length === 0) return 'empty';
  if (entries.every((entry) => TOLERATED_ENTRIES.has(entry))) return 'git-only';
  throw new CliError(
    `${shownAs} is not empty; choose another directory or empty it.`,
    `It holds: ${entries.slice(0, 5).join(', ')}${entries.length > 5 ? ', …' : ''}`,
  );
}
