import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspectTargetDir } from './target-dir';

describe('inspectTargetDir', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'target-dir-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('accepts a missing, an empty, and a .git-only directory', () => {
    expect(inspectTargetDir(path.join(root, 'new'), 'new')).toBe('missing');
    mkdirSync(path.join(root, 'empty'));
    expect(inspectTargetDir(path.join(root, 'empty'), 'empty')).toBe('empty');
    mkdirSync(path.join(root, 'repo', '.git'), { recursive: true });
    expect(inspectTargetDir(path.join(root, 'repo'), 'repo')).toBe('git-only');
  });

  it('refuses a directory holding anything else', () => {
    mkdirSync(path.join(root, 'busy', '.git'), { recursive: true });
    writeFileSync(path.join(root, 'busy', 'notes.txt'), 'x');
    expect(() => inspectTargetDir(path.join(root, 'busy'), 'busy')).toThrow(
      'busy is not empty; choose another directory or empty it.',
    );
  });

  it('refuses a file', () => {
    writeFileSync(path.join(root, 'file'), 'x');
    expect(() => inspectTargetDir(path.join(root, 'file'), 'file')).toThrow('file exists and is not a directory.');
  });
});
