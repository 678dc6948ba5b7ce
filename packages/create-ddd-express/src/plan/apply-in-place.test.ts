import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanApplyError, PlanConflictError, applyPlanInPlace } from './apply-in-place';
import type { Plan } from './plan';
import { removeTemporaryDirectories, snapshotTree, temporaryDirectory } from '../../test/fixtures/domain-kit';

afterEach(removeTemporaryDirectories);

/** keep.txt, edit.txt, old/gone.txt and a file named `blocker` (a directory can't be made there). */
async function tree(): Promise<string> {
  const root = await temporaryDirectory();
  await writeFile(path.join(root, 'keep.txt'), 'keep\n');
  await writeFile(path.join(root, 'edit.txt'), 'before\n');
  await mkdir(path.join(root, 'old'));
  await writeFile(path.join(root, 'old', 'gone.txt'), 'gone\n');
  await writeFile(path.join(root, 'blocker'), 'a file\n');
  return root;
}

function plan(root: string, steps: Plan['steps']): Plan {
  return { root, steps };
}

describe('applyPlanInPlace', () => {
  it('writes, edits and deletes, creating and removing directories as needed', async () => {
    const root = await tree();
    await applyPlanInPlace(plan(root, [
      { kind: 'write', path: 'new/deep/file.txt', content: 'new\n' },
      { kind: 'edit', path: 'edit.txt', before: 'before\n', after: 'after\n', summary: 'edit' },
      { kind: 'delete', path: 'old/gone.txt', before: 'gone\n' },
    ]));
    expect(await readFile(path.join(root, 'new/deep/file.txt'), 'utf8')).toBe('new\n');
    expect(await readFile(path.join(root, 'edit.txt'), 'utf8')).toBe('after\n');
    expect(Object.keys(await snapshotTree(root))).toEqual(['blocker', 'edit.txt', 'keep.txt', 'new', 'new/deep', 'new/deep/file.txt']);
  });

  it('restores everything when a step fails midway', async () => {
    const root = await tree();
    const before = await snapshotTree(root);
    const attempt = applyPlanInPlace(plan(root, [
      { kind: 'write', path: 'new/deep/file.txt', content: 'new\n' },
      { kind: 'edit', path: 'edit.txt', before: 'before\n', after: 'after\n', summary: 'edit' },
      { kind: 'delete', path: 'old/gone.txt', before: 'gone\n' },
      // Passes the precondition (nothing is there yet) but fails: the first step made `new` a directory.
      { kind: 'write', path: 'new', content: 'cannot replace a directory\n' },
    ]));
    await expect(attempt).rejects.toThrow(PlanApplyError);
    await expect(attempt).rejects.toThrow(/could not write new .*every change was undone/);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('restores a file it overwrote (with overwrite) when a later step fails', async () => {
    const root = await tree();
    const before = await snapshotTree(root);
    const attempt = applyPlanInPlace(plan(root, [
      { kind: 'write', path: 'keep.txt', content: 'replaced\n' },
      { kind: 'write', path: 'new/file.txt', content: 'x\n' },
      { kind: 'write', path: 'new', content: 'x\n' },
    ]), { overwrite: true });
    await expect(attempt).rejects.toThrow(PlanApplyError);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('checks every precondition first and changes nothing when one fails', async () => {
    const root = await tree();
    const before = await snapshotTree(root);
    const attempt = applyPlanInPlace(plan(root, [
      { kind: 'write', path: 'fresh.txt', content: 'fresh\n' },
      { kind: 'write', path: 'keep.txt', content: 'clobber\n' },
      { kind: 'edit', path: 'edit.txt', before: 'stale\n', after: 'after\n', summary: 'edit' },
      { kind: 'delete', path: 'missing.txt', before: '' },
      { kind: 'write', path: '../escape.txt', content: '' },
      { kind: 'write', path: 'blocker/inside.txt', content: '' },
    ]));
    await expect(attempt).rejects.toThrow(PlanConflictError);
    await expect(attempt).rejects.toThrow(
      'keep.txt already exists (pass --force to overwrite it); edit.txt changed since the plan was made; ' +
        'missing.txt is missing; ../escape.txt is outside',
    );
    await expect(attempt).rejects.toThrow('blocker/inside.txt cannot be created: a parent of it is a file',
    );
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('overwrites existing files only when asked to, keeping their permissions', async () => {
    const root = await tree();
    await chmod(path.join(root, 'keep.txt'), 0o750);
    await applyPlanInPlace(plan(root, [{ kind: 'write', path: 'keep.txt', content: 'replaced\n' }]), { overwrite: true });
    expect(await readFile(path.join(root, 'keep.txt'), 'utf8')).toBe('replaced\n');
    expect((await stat(path.join(root, 'keep.txt'))).mode & 0o777).toBe(0o750);
  });

  it('writes into a directory whose only file another step of the plan deletes', async () => {
    const root = await temporaryDirectory();
    for (let round = 0; round < 50; round += 1) {
      await mkdir(path.join(root, 'd'), { recursive: true });
      await writeFile(path.join(root, 'd', 'old.txt'), 'old\n');
      await applyPlanInPlace({
        root,
        steps: [
          { kind: 'delete', path: 'd/old.txt', before: 'old\n' },
          { kind: 'write', path: 'd/new.txt', content: 'new\n' },
        ],
      });
      expect(await readFile(path.join(root, 'd', 'new.txt'), 'utf8')).toBe('new\n');
      await rm(path.join(root, 'd'), { recursive: true });
    }
  });

  it('refuses a plan that touches the same file twice', async () => {
    const root = await tree();
    const attempt = applyPlanInPlace(plan(root, [
      { kind: 'write', path: 'twice.txt', content: '1' },
      { kind: 'write', path: 'twice.txt', content: '2' },
    ]));
    await expect(attempt).rejects.toThrow('twice.txt appears twice in the plan');
  });

  it('stops on Ctrl-C between two steps and undoes the ones done, with exit code 130', async () => {
    const root = await tree();
    const before = await snapshotTree(root);
    const listenersBefore = process.listenerCount('SIGINT');
    const steps = Array.from({ length: 300 }, (_, index) => ({ kind: 'write' as const, path: `many/${index}.txt`, content: `${index}\n` }));
    const attempt = applyPlanInPlace(plan(root, steps));
    while (!existsSync(path.join(root, 'many', '0.txt'))) await new Promise((resolve) => setImmediate(resolve));
    process.emit('SIGINT', 'SIGINT');
    await expect(attempt).rejects.toMatchObject({ name: 'PlanApplyError', exitCode: 130 });
    await expect(attempt).rejects.toThrow('interrupted by SIGINT');
    expect(await snapshotTree(root)).toEqual(before);
    expect(process.listenerCount('SIGINT')).toBe(listenersBefore);
  });
});
