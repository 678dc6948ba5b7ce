import { cliVersion } from '../shared/package-info';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseManifest } from '../project/manifest';
import {
  copyFixtureProject, removeTemporaryDirectories, runDdd, snapshotTree, temporaryDirectory,
} from '../../test/fixtures/domain-kit';

afterEach(removeTemporaryDirectories);

const FIELDS = 'title:string total:number status:enum(pending|paid)? sku:string:unique';
const CONTEXT_FILES = [
  'src/domains/order-items/README.md',
  'src/domains/order-items/domain/order-item.ts',
  'src/domains/order-items/http/order-item.routes.ts',
  'src/domains/order-items/index.ts',
];

async function read(root: string, file: string): Promise<string> {
  return readFile(path.join(root, file), 'utf8');
}

describe('ddd generate domain / ddd destroy domain on the fixture project', () => {
  it('generates a registered, recorded context from a subdirectory, then destroys it byte for byte', async () => {
    const root = await copyFixtureProject();
    const before = await snapshotTree(root);

    const generated = await runDdd(path.join(root, 'src', 'domains'), ['generate', 'domain', 'order-items', '--fields', FIELDS]);
    expect(generated).toMatchObject({ exitCode: 0, err: '' });
    expect(generated.out).toContain('Generated context order-items, entity OrderItem:');
    expect(generated.out).toContain('create  src/domains/order-items/index.ts');
    expect(generated.out).toContain('update  src/domains/index.ts  (register orderItemsContext)');
    expect(generated.out).toContain('npm test');
    expect(generated.out).toContain('/api/v1/order-items');

    expect(await read(root, 'src/domains/order-items/domain/order-item.ts')).toBe(
      '/** One order item: fields title:string total:number status:enum(pending|paid)? sku:string:unique. */\n' +
        'export interface OrderItem {\n  readonly id: string;\n  readonly title: string;\n  readonly total: number;\n' +
        '  readonly status?: OrderItemStatus;\n  readonly sku: string;\n}\n',
    );
    expect(await read(root, 'src/domains/order-items/README.md')).toBe('Copied verbatim: <%= not rendered %>.\n');
    expect(await read(root, 'src/domains/index.ts')).toBe(
      "import type { BoundedContext } from './context';\nimport { identityContext } from './identity';\n" +
        "import { orderItemsContext } from './order-items';\n\nexport const contexts: readonly BoundedContext[] = [\n" +
        '  identityContext,\n  orderItemsContext,\n];\n',
    );
    const manifestText = await read(root, 'ddd.json');
    const manifest = parseManifest(manifestText);
    expect(manifest.document.projectName).toBe('fixture-api');
    expect(manifest.contexts['order-items']).toMatchObject({ templateVersion: cliVersion(), fields: FIELDS });
    expect(Object.keys(manifest.contexts['order-items']?.files ?? {})).toEqual(CONTEXT_FILES);
    expect(manifestText).not.toMatch(/20\d\d-\d\d-\d\d/);

    const destroyed = await runDdd(root, ['destroy', 'domain', 'order-items']);
    expect(destroyed).toMatchObject({ exitCode: 0, err: '' });
    expect(destroyed.out).toContain('remove  src/domains/order-items/index.ts');
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('is deterministic: two projects generated alike are identical', async () => {
    const first = await copyFixtureProject();
    const second = await copyFixtureProject();
    await runDdd(first, ['generate', 'domain', 'orders']);
    await runDdd(second, ['generate', 'domain', 'orders']);
    expect(await snapshotTree(second)).toEqual(await snapshotTree(first));
    expect(parseManifest(await read(first, 'ddd.json')).contexts.orders?.fields).toBe('name:string');
  });

  it.each([['--dry-run'], ['--json']])('%s prints the plan and touches nothing', async (flag) => {
    const root = await copyFixtureProject();
    const before = await snapshotTree(root);
    const run = await runDdd(root, ['generate', 'domain', 'orders', flag]);
    expect(run.exitCode).toBe(0);
    expect(run.out).toContain('src/domains/orders/index.ts');
    if (flag === '--json') expect(JSON.parse(run.out)).toMatchObject({ root, steps: expect.any(Array) });
    else expect(run.out).toContain('update  ddd.json  (record orders in the manifest)');
    expect(await snapshotTree(root)).toEqual(before);
  });

  describe('destroy after a file changed', () => {
    async function generatedAndEdited(): Promise<{ root: string; edited: Record<string, string> }> {
      const root = await copyFixtureProject();
      await runDdd(root, ['generate', 'domain', 'orders']);
      await appendFile(path.join(root, 'src/domains/orders/index.ts'), '// my change\n');
      return { root, edited: await snapshotTree(root) };
    }

    it('refuses, listing the file, and changes nothing', async () => {
      const { root, edited } = await generatedAndEdited();
      const run = await runDdd(root, ['destroy', 'domain', 'orders']);
      expect(run.exitCode).not.toBe(0);
      expect(run.err).toContain('refusing to destroy "orders": changed since generation: src/domains/orders/index.ts');
      expect(await snapshotTree(root)).toEqual(edited);
    });

    it('removes it anyway with --force', async () => {
      const { root } = await generatedAndEdited();
      const run = await runDdd(root, ['destroy', 'domain', 'orders', '--force']);
      expect(run.exitCode).toBe(0);
      expect(Object.keys(await snapshotTree(root)).filter((file) => file.includes('orders'))).toEqual([]);
    });
  });

  it('--force regenerates over an existing context and destroy still undoes the registration', async () => {
    const root = await copyFixtureProject();
    const before = await snapshotTree(root);
    await runDdd(root, ['generate', 'domain', 'orders']);
    const again = await runDdd(root, ['generate', 'domain', 'orders', '--fields', 'total:number', '--force']);
    expect(again.exitCode).toBe(0);
    expect(await read(root, 'src/domains/orders/domain/order.ts')).toContain('readonly total: number;');
    expect((await read(root, 'src/domains/index.ts')).match(/ordersContext,/g)).toHaveLength(1);
    await runDdd(root, ['destroy', 'domain', 'orders']);
    expect(await snapshotTree(root)).toEqual(before);
  });

  describe('bad input: non-zero exit, a clear message, nothing changed', () => {
    async function rejected(args: string[], message: string | RegExp, prepare?: (root: string) => Promise<void>): Promise<void> {
      const root = await copyFixtureProject();
      if (prepare) await prepare(root);
      const before = await snapshotTree(root);
      const run = await runDdd(root, args);
      expect(run.exitCode).not.toBe(0);
      expect(run.err).toMatch(message);
      expect(run.err.startsWith('Error: ')).toBe(true);
      expect(await snapshotTree(root)).toEqual(before);
    }

    it.each<[string, string[], string | RegExp]>([
      ['a path', ['generate', 'domain', '../x'], 'invalid domain name "../x"'],
      ['punctuation', ['generate', 'domain', 'Orders!'], 'invalid domain name "Orders!"'],
      ['a reserved word', ['generate', 'domain', 'class'], 'gives the identifier "class", a reserved word'],
      ['the identity context', ['generate', 'domain', 'identity'], 'is reserved'],
      ['an unpluralizable name', ['generate', 'domain', 'news'], 'same singular and plural'],
      ['malformed --fields', ['generate', 'domain', 'orders', '--fields', 'title:strng'], '--fields: unknown type "strng" at position 7 (in "title:strng")'],
      ['destroying an unknown context', ['destroy', 'domain', 'orders'], 'no generated context "orders" in ddd.json'],
    ])('%s', async (_, args, message) => rejected(args, message));

    it('an existing context directory', async () => {
      await rejected(['generate', 'domain', 'orders'], 'context "orders" already exists (src/domains/orders)', (root) =>
        mkdir(path.join(root, 'src/domains/orders')).then(() => undefined));
    });

    it('a context generated before', async () => {
      await rejected(['generate', 'domain', 'orders'], 'already exists', async (root) => {
        await runDdd(root, ['generate', 'domain', 'orders']);
      });
    });

    it('an edited registry, showing the lines to add by hand', async () => {
      await rejected(['generate', 'domain', 'orders'], /cannot register the context[^\n]*\n[^]*import \{ ordersContext \} from '\.\/orders';[^]* {2}ordersContext,/,
        (root) => writeFile(path.join(root, 'src/domains/index.ts'), 'export const contexts = [];\n'));
    });

    it('outside a project', async () => {
      const outside = await temporaryDirectory();
      const run = await runDdd(outside, ['generate', 'domain', 'orders']);
      expect(run.exitCode).not.toBe(0);
      expect(run.err).toBe(
        `Error: not inside a create-ddd-express project (no ddd.json found from ${outside} upwards); ` +
          'run this in a project made by create-ddd-express',
      );
      expect(await snapshotTree(outside)).toEqual({});
    });
  });
});

describe('ddd upgrade refusals: an error that says what to do, a non-zero exit, nothing written', () => {
  it('sends a project made before upgrades existed to --adopt', async () => {
    const root = await copyFixtureProject();
    const before = await snapshotTree(root);
    const result = await runDdd(root, ['upgrade']);
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain('does not record the files as generated');
    expect(result.err).toContain('ddd upgrade --adopt');
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses a project on a newer template than the installed CLI', async () => {
    const root = await copyFixtureProject();
    const manifest = JSON.parse(await read(root, 'ddd.json')) as Record<string, unknown>;
    const newer = { ...manifest, templateVersion: '99.0.0', project: { name: 'fixture-api', packageManager: 'npm', files: {} } };
    await writeFile(path.join(root, 'ddd.json'), `${JSON.stringify(newer, null, 2)}\n`);
    const before = await snapshotTree(root);
    const result = await runDdd(root, ['upgrade']);
    expect(result.exitCode).toBe(1);
    expect(result.err).toContain(`the project is on template 99.0.0, newer than this create-ddd-express (${cliVersion()})`);
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('refuses --adopt in a project that has a record', async () => {
    const root = await copyFixtureProject();
    const manifest = JSON.parse(await read(root, 'ddd.json')) as Record<string, unknown>;
    const recorded = { ...manifest, project: { name: 'fixture-api', packageManager: 'npm', files: {} } };
    await writeFile(path.join(root, 'ddd.json'), `${JSON.stringify(recorded, null, 2)}\n`);
    const result = await runDdd(root, ['upgrade', '--adopt']);
    expect(result).toMatchObject({ exitCode: 1, err: expect.stringContaining('already records the project as generated') });
  });
});
