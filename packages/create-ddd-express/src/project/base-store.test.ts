import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { removeTemporaryDirectories, temporaryDirectory } from '../../test/fixtures/domain-kit';
import { baseStoreOf, baseStoreSteps, readBaseStore } from './base-store';
import { hashContent } from './manifest';

afterEach(removeTemporaryDirectories);

const object = (content: string): string => `.ddd/base/${hashContent(content).slice('sha256:'.length)}`;

async function storeWith(contents: readonly string[]): Promise<string> {
  const root = await temporaryDirectory();
  await mkdir(path.join(root, '.ddd', 'base'), { recursive: true });
  for (const content of contents) await writeFile(path.join(root, object(content)), content);
  return root;
}

describe('the base store', () => {
  it('reads every name, and the contents asked for, of a store of loose objects only (as made before packs)', async () => {
    const root = await storeWith(['a\n', 'b\n']);
    const all = await readBaseStore(root);
    expect([...all.contents.values()].sort()).toEqual(['a\n', 'b\n']);
    expect(all).toMatchObject({ loose: all.stored, packs: [] });
    const some = await readBaseStore(root, (hash) => hash === hashContent('a\n'));
    expect(some.stored).toEqual(new Set([hashContent('a\n'), hashContent('b\n')]));
    expect([...some.contents.values()]).toEqual(['a\n']);
  });

  it('refuses a stored file whose content no longer matches its name', async () => {
    const root = await storeWith(['a\n']);
    await writeFile(path.join(root, object('a\n')), 'edited\n');
    await expect(readBaseStore(root)).rejects.toThrow(/was edited/);
  });

  it('writes what records name and the store lacks, and drops only what it read and nothing names', () => {
    const store = { ...baseStoreOf(['kept\n', 'dropped\n']), stored: new Set(['kept\n', 'dropped\n', 'unread\n'].map(hashContent)) };
    const steps = baseStoreSteps(store, [{ 'a.ts': hashContent('kept\n'), 'b.ts': hashContent('new\n') }], new Map([[hashContent('new\n'), 'new\n']]));
    expect(steps.map((step) => `${step.kind} ${step.path}`).sort()).toEqual([`delete ${object('dropped\n')}`, `write ${object('new\n')}`].sort());
  });
});
