import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  copyFixtureProject, removeTemporaryDirectories, runDdd, snapshotTree, temporaryDirectory,
} from '../../test/fixtures/domain-kit';
import { basePackSteps, baseStoreSteps, readBaseStore } from './base-store';
import { hashContent, manifestText, parseManifest } from './manifest';
import { REGISTRY_FILE } from './registry';

afterEach(removeTemporaryDirectories);

const hex = (content: string): string => hashContent(content).slice('sha256:'.length);
const byHash = (contents: readonly string[]): Map<string, string> => new Map(contents.map((content) => [hashContent(content), content]));

/** Writes `steps` (writes only) below `root`; returns the pack's path. */
async function writeSteps(root: string, steps: ReturnType<typeof basePackSteps>): Promise<string> {
  await mkdir(path.join(root, '.ddd', 'base'), { recursive: true });
  for (const step of steps) await writeFile(path.join(root, step.path), step.content);
  return steps[0]?.path ?? '';
}

/** A store holding `packed` in one pack and `loose` as loose objects; returns its root and the pack's path. */
async function storeWith(packed: readonly string[], loose: readonly string[] = []): Promise<{ root: string; pack: string }> {
  const root = await temporaryDirectory();
  const pack = await writeSteps(root, basePackSteps(byHash(packed)));
  for (const content of loose) await writeFile(path.join(root, '.ddd', 'base', hex(content)), content);
  return { root, pack };
}

describe('a pack in the base store', () => {
  it('is one JSON file named by the hash of its text, its entries keyed by hash in order, one per line', () => {
    const [step, ...others] = basePackSteps(byHash(['b\n', 'a\n']));
    expect(others).toEqual([]);
    expect(step?.path).toBe(`.ddd/base/${hex(step?.content ?? '')}.pack`);
    const entries = ['a\n', 'b\n'].map((content) => ` "${hex(content)}": ${JSON.stringify(content)}`).sort();
    expect(step?.content).toBe(`{\n${entries.join(',\n')}\n}\n`);
    expect(basePackSteps(new Map())).toEqual([]);
  });

  it('is read beside loose objects: every hash is stored, the contents asked for are read from either', async () => {
    const { root, pack } = await storeWith(['a\n', 'b\n'], ['c\n']);
    const all = await readBaseStore(root);
    expect(all.stored).toEqual(new Set(['a\n', 'b\n', 'c\n'].map(hashContent)));
    expect([...all.contents.values()].sort()).toEqual(['a\n', 'b\n', 'c\n']);
    expect(all.loose).toEqual(new Set([hashContent('c\n')]));
    expect(all.packs.map((stored) => stored.path)).toEqual([pack]);
    const some = await readBaseStore(root, (hash) => hash === hashContent('b\n') || hash === hashContent('c\n'));
    expect(some.stored).toEqual(all.stored);
    expect([...some.contents.values()].sort()).toEqual(['b\n', 'c\n']);
  });

  it('refuses an edited entry, naming the pack, and a pack that is no longer JSON', async () => {
    const { root, pack } = await storeWith(['a\n', 'b\n']);
    const text = await readFile(path.join(root, pack), 'utf8');
    await writeFile(path.join(root, pack), text.replace(JSON.stringify('a\n'), JSON.stringify('edited\n')));
    await expect(readBaseStore(root)).rejects.toThrow(`${pack} (its entry ${hex('a\n')}) was edited`);
    await expect(readBaseStore(root, (hash) => hash === hashContent('b\n'))).resolves.toMatchObject({ contents: byHash(['b\n']) });
    await writeFile(path.join(root, pack), text.slice(1));
    await expect(readBaseStore(root)).rejects.toThrow(`${pack} was edited`);
  });

  it('is kept while anything names one of its entries, and deleted with its text once nothing does', async () => {
    const { root, pack } = await storeWith(['a\n', 'b\n'], ['c\n']);
    const store = await readBaseStore(root);
    const text = await readFile(path.join(root, pack), 'utf8');
    const steps = (record: Record<string, string>): string[] =>
      baseStoreSteps(store, [record], byHash(['d\n'])).map((step) => `${step.kind} ${step.path}`).sort();
    expect(steps({ 'a.ts': hashContent('a\n'), 'd.ts': hashContent('d\n') })).toEqual(
      [`delete .ddd/base/${hex('c\n')}`, `write .ddd/base/${hex('d\n')}`].sort(),
    );
    expect(steps({ 'c.ts': hashContent('c\n') })).toEqual([`delete ${pack}`]);
    expect(baseStoreSteps(store, [{}])).toContainEqual({ kind: 'delete', path: pack, before: text });
  });

  it('survives ddd generate domain then ddd destroy domain: the store returns byte for byte', async () => {
    const root = await copyFixtureProject();
    const registry = await readFile(path.join(root, REGISTRY_FILE), 'utf8');
    const packageJson = await readFile(path.join(root, 'package.json'), 'utf8');
    const files = { 'package.json': hashContent(packageJson), [REGISTRY_FILE]: hashContent(registry) };
    const manifest = parseManifest(await readFile(path.join(root, 'ddd.json'), 'utf8'));
    await writeFile(path.join(root, 'ddd.json'), manifestText(manifest, { project: { name: 'fixture-api', packageManager: 'npm', files } }));
    const pack = await writeSteps(root, basePackSteps(byHash([registry, packageJson])));
    const before = await snapshotTree(root);

    expect(await runDdd(root, ['generate', 'domain', 'orders'])).toMatchObject({ exitCode: 0, err: '' });
    const generated = await readdir(path.join(root, '.ddd', 'base'));
    expect(generated).toContain(path.basename(pack));
    expect(generated.length).toBeGreaterThan(2);
    expect((await readBaseStore(root)).packs.map((stored) => stored.path)).toEqual([pack]);

    expect(await runDdd(root, ['destroy', 'domain', 'orders'])).toMatchObject({ exitCode: 0, err: '' });
    expect(await snapshotTree(root)).toEqual(before);
  });
});
