import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INITIAL_COMMIT_MESSAGE } from '../project/git-history';
import { initGitRepository } from './git';

const gitAvailable = spawnSync('git', ['--version']).status === 0;
const gitTest = gitAvailable ? it : it.skip;

describe('initGitRepository', () => {
  let root: string;
  const savedEnv = { ...process.env };
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'git-init-'));
    // No global identity: exercises the fallback a fresh CI machine needs.
    const emptyConfig = path.join(root, 'empty.gitconfig');
    writeFileSync(emptyConfig, '');
    process.env.GIT_CONFIG_GLOBAL = emptyConfig;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
    process.env.GIT_CEILING_DIRECTORIES = root;
  });
  afterEach(() => {
    process.env = { ...savedEnv };
    rmSync(root, { recursive: true, force: true });
  });

  gitTest('creates a repository with one commit holding every file', () => {
    const project = path.join(root, 'shop');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{}');
    expect(initGitRepository(project, root)).toEqual({ kind: 'committed' });
    const log = spawnSync('git', ['log', '--format=%s', '--name-only'], { cwd: project, encoding: 'utf8' });
    expect(log.stdout).toBe(`${INITIAL_COMMIT_MESSAGE}\n\npackage.json\n`);
  });

  gitTest('skips a project inside an existing work tree', () => {
    spawnSync('git', ['init', '--quiet'], { cwd: root });
    const project = path.join(root, 'shop');
    mkdirSync(project);
    const outcome = initGitRepository(project, root);
    expect(outcome.kind).toBe('skipped');
    expect(spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: project, encoding: 'utf8' }).stdout.trim()).toBe(
      spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: root, encoding: 'utf8' }).stdout.trim(),
    );
  });
});
