import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { commitsOf, contentAt, filesAt, INITIAL_COMMIT_MESSAGE, initialCommit, treeState } from './git-history';

let root: string;
const git = (...args: string[]): string =>
  spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: root, encoding: 'utf8' }).stdout.trim();

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'git-history-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('git history of a project', () => {
  it('finds the commit create-ddd-express made, its files and later versions of a file', () => {
    git('init', '-q');
    writeFileSync(path.join(root, 'a.ts'), 'one\n');
    git('add', '-A');
    git('commit', '-qm', INITIAL_COMMIT_MESSAGE);
    const initial = git('rev-parse', 'HEAD');
    writeFileSync(path.join(root, 'a.ts'), 'two\n');
    git('commit', '-qam', 'edit');
    expect(initialCommit(root)).toBe(initial);
    expect(filesAt(root, initial)).toEqual(['a.ts']);
    expect(contentAt(root, initial, 'a.ts')).toBe('one\n');
    expect(commitsOf(root, 'a.ts').map((commit) => contentAt(root, commit, 'a.ts'))).toEqual(['two\n', 'one\n']);
  });

  it('has no initial commit when the first commit is someone else’s', () => {
    git('init', '-q');
    writeFileSync(path.join(root, 'a.ts'), 'one\n');
    git('add', '-A');
    git('commit', '-qm', 'first');
    expect(initialCommit(root)).toBeUndefined();
  });

  it('tells a clean tree from a dirty one, and says when there is no repository', () => {
    expect(treeState(root)).toEqual({ kind: 'untracked', reason: 'the project is not in a git repository' });
    git('init', '-q');
    writeFileSync(path.join(root, 'a.ts'), 'one\n');
    expect(treeState(root)).toEqual({ kind: 'dirty', files: ['a.ts'] });
    git('add', '-A');
    git('commit', '-qm', 'first');
    expect(treeState(root)).toEqual({ kind: 'clean' });
  });
});
