/** What git knows of a project: whether its tree is clean, and the files as they were in earlier commits. */
import { spawnSync } from 'node:child_process';

/** The message of the commit `create-ddd-express` makes: its tree is the project exactly as generated. */
export const INITIAL_COMMIT_MESSAGE = 'Initial commit from create-ddd-express';

type GitResult = { readonly kind: 'ok'; readonly stdout: string } | { readonly kind: 'failed'; readonly reason: string };

function git(root: string, args: readonly string[]): GitResult {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.error !== undefined) return { kind: 'failed', reason: 'git is not installed' };
  if (result.status !== 0) return { kind: 'failed', reason: 'the project is not in a git repository' };
  return { kind: 'ok', stdout: result.stdout };
}

function lines(result: GitResult): string[] {
  return result.kind === 'ok' ? result.stdout.split('\n').filter((line) => line !== '') : [];
}

export type TreeState =
  | { readonly kind: 'clean' }
  | { readonly kind: 'dirty'; readonly files: readonly string[] }
  /** git is missing, or the project is not in a work tree: nothing can say what changed. */
  | { readonly kind: 'untracked'; readonly reason: string };

/** `git status --porcelain` of the project's part of its work tree. */
export function treeState(root: string): TreeState {
  const status = git(root, ['status', '--porcelain', '--untracked-files=all', '--', '.']);
  if (status.kind === 'failed') return { kind: 'untracked', reason: status.reason };
  const files = lines(status).map((line) => line.slice(3));
  return files.length === 0 ? { kind: 'clean' } : { kind: 'dirty', files };
}

/** The commit `create-ddd-express` made when it generated the project, if this history has it. */
export function initialCommit(root: string): string | undefined {
  const roots = lines(git(root, ['log', '--max-parents=0', '--format=%H %s', 'HEAD']));
  return roots.find((line) => line.slice(41) === INITIAL_COMMIT_MESSAGE)?.slice(0, 40);
}

/** Project-relative paths of the files in `commit`. */
export function filesAt(root: string, commit: string): string[] {
  return lines(git(root, ['ls-tree', '-r', '--name-only', commit, '--', '.']));
}

export function contentAt(root: string, commit: string, file: string): string | undefined {
  const shown = git(root, ['show', `${commit}:./${file}`]);
  return shown.kind === 'ok' ? shown.stdout : undefined;
}

/** The commits that changed `file`, newest first (at most `limit`). */
export function commitsOf(root: string, file: string, limit = 200): string[] {
  return lines(git(root, ['log', `--max-count=${limit}`, '--format=%H', '--', file]));
}
