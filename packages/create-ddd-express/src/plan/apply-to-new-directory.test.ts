import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { applyToNewDirectory } from './apply-to-new-directory';
import type { Plan } from './plan';

describe('applyToNewDirectory', () => {
  let parent: string;
  let target: string;
  const planFor = (root: string): Plan => ({
    root,
    steps: [
      { kind: 'write', path: 'package.json', content: '{}\n' },
      { kind: 'write', path: '.env', content: 'A=1\n' },
      { kind: 'write', path: 'src/shared/kernel/id.ts', content: 'export {};\n' },
    ],
  });

  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'apply-'));
    target = path.join(parent, 'shop');
  });
  afterEach(() => rmSync(parent, { recursive: true, force: true }));

  it('creates the directory with exactly the planned files and no staging leftovers', async () => {
    await applyToNewDirectory(planFor(target));
    expect(readdirSync(parent)).toEqual(['shop']);
    expect(readdirSync(target, { recursive: true }).map(String).sort()).toEqual(
      ['.env', 'package.json', 'src', 'src/shared', 'src/shared/kernel', 'src/shared/kernel/id.ts'].map((file) =>
        file.split('/').join(path.sep),
      ),
    );
    expect(readFileSync(path.join(target, 'src/shared/kernel/id.ts'), 'utf8')).toBe('export {};\n');
  });

  it('creates missing parent directories', async () => {
    const nested = path.join(parent, 'a', 'b', 'shop');
    await applyToNewDirectory(planFor(nested));
    expect(readFileSync(path.join(nested, 'package.json'), 'utf8')).toBe('{}\n');
  });

  /** More files than one batch of concurrent writes (16), so that stopping early shows. */
  const largePlanFor = (root: string): Plan => ({
    root,
    steps: Array.from({ length: 40 }, (_, index) => ({ kind: 'write', path: `src/file-${index}.ts`, content: `${index}\n` })),
  });

  it('leaves nothing behind when a write fails half-way, not even created parents, and writes no further batch', async () => {
    let writes = 0;
    const failingWrite = async (file: string, content: string) => {
      if (++writes === 2) throw new Error('disk full');
      await writeFile(file, content);
    };
    const nested = path.join(parent, 'new-parent', 'shop');
    await expect(applyToNewDirectory(largePlanFor(nested), { writeFile: failingWrite })).rejects.toThrow('disk full');
    expect(writes).toBe(16);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('stops at SIGINT, removes the staging directory and reports the interruption', async () => {
    const listenersBefore = process.listenerCount('SIGINT');
    let writes = 0;
    const interruptedWrite = async (file: string, content: string) => {
      if (++writes === 1) process.emit('SIGINT', 'SIGINT');
      await writeFile(file, content);
    };
    const result = applyToNewDirectory(largePlanFor(target), { writeFile: interruptedWrite });
    await expect(result).rejects.toThrow(CliError);
    await expect(result).rejects.toMatchObject({ exitCode: 130, message: 'Interrupted (SIGINT); nothing was written.' });
    expect(writes).toBe(16);
    expect(readdirSync(parent)).toEqual([]);
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  });

  it('moves the files into a target that holds only .git, keeping .git', async () => {
    mkdirSync(path.join(target, '.git'), { recursive: true });
    writeFileSync(path.join(target, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    await applyToNewDirectory(planFor(target));
    expect(readdirSync(parent)).toEqual(['shop']);
    expect(readdirSync(target).sort()).toEqual(['.env', '.git', 'package.json', 'src']);
    expect(readFileSync(path.join(target, '.git', 'HEAD'), 'utf8')).toBe('ref: refs/heads/main\n');
  });

  it('refuses to overwrite an entry that appeared in the target, and cleans up', async () => {
    mkdirSync(target);
    writeFileSync(path.join(target, 'package.json'), 'mine');
    await expect(applyToNewDirectory(planFor(target))).rejects.toThrow('already holds package.json');
    expect(readFileSync(path.join(target, 'package.json'), 'utf8')).toBe('mine');
    expect(readdirSync(parent)).toEqual(['shop']);
  });

  it('refuses plans with edits or paths that escape the root, before touching the disk', async () => {
    await expect(
      applyToNewDirectory({ root: target, steps: [{ kind: 'write', path: '../evil', content: '' }] }),
    ).rejects.toThrow('Refusing to write outside the project: ../evil');
    await expect(
      applyToNewDirectory({ root: target, steps: [{ kind: 'delete', path: 'a', before: '' }] }),
    ).rejects.toThrow('only receive writes');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
