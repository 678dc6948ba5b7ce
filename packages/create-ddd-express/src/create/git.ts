import { spawnSync } from 'node:child_process';
import { INITIAL_COMMIT_MESSAGE } from '../project/git-history';

/** Used only when the user has no git identity, so that the first commit still happens. */
const FALLBACK_IDENTITY = ['-c', 'user.name=create-ddd-express', '-c', 'user.email=create-ddd-express@users.noreply.local'];

export type GitOutcome =
  | { readonly kind: 'committed' }
  | { readonly kind: 'skipped'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

function git(args: readonly string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { ok: result.status === 0, output: `${result.stderr}${result.stdout}`.trim() };
}

/**
 * `git init` + first commit, unless git is missing or the project sits inside another work tree (a monorepo
 * owns its history). Never throws: git trouble must not fail a project that was created fine.
 */
export function initGitRepository(projectDir: string, parentDir: string): GitOutcome {
  if (!git(['--version'], parentDir).ok) return { kind: 'skipped', reason: 'git is not installed' };
  if (git(['rev-parse', '--is-inside-work-tree'], parentDir).ok) {
    return { kind: 'skipped', reason: 'the directory is already inside a git repository' };
  }
  const init = git(['init', '--quiet'], projectDir);
  if (!init.ok) return { kind: 'failed', reason: init.output };
  const add = git(['add', '-A'], projectDir);
  if (!add.ok) return { kind: 'failed', reason: add.output };
  const hasIdentity = git(['config', 'user.name'], projectDir).ok && git(['config', 'user.email'], projectDir).ok;
  const identity = hasIdentity ? [] : FALLBACK_IDENTITY;
  const commit = git([...identity, 'commit', '--quiet', '-m', INITIAL_COMMIT_MESSAGE], projectDir);
  return commit.ok ? { kind: 'committed' } : { kind: 'failed', reason: commit.output };
}
