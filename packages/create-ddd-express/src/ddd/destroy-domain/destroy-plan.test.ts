import { baseStoreOf } from '../../project/base-store';
import { CliError } from '../../shared/cli-error';
import { buildDestroyPlan, findContextRecord } from './destroy-plan';
import type { DestroyInput } from './destroy-plan';
import type { ContextRecord } from '../../project/manifest';
import { hashContent, manifestText as renderManifest, manifestWithContext, parseManifest } from '../../project/manifest';
import { addToRegistry, registryLines } from '../../project/registry';

const BEFORE_MANIFEST = '{\n  "generator": "create-ddd-express",\n  "templateVersion": "1.0.0",\n  "contexts": {}\n}\n';
const BEFORE_REGISTRY = `import { identityContext } from './identity';
export const contexts: readonly BoundedContext[] = [
  identityContext,
];
`;
const FILES = { 'src/domains/orders/index.ts': 'index\n', 'src/domains/orders/domain/order.ts': 'order\n' };
const LINES = registryLines('ordersContext', 'orders');
const RECORD: ContextRecord = {
  templateVersion: '1.0.0',
  fields: 'name:string',
  cache: true,
  access: 'owner',
  files: Object.fromEntries(Object.entries(FILES).map(([file, content]) => [file, hashContent(content)])),
  registry: { file: 'src/domains/index.ts', ...LINES },
};
const manifestText = manifestWithContext(parseManifest(BEFORE_MANIFEST), 'orders', RECORD);
const manifest = parseManifest(manifestText);
const registered = addToRegistry(BEFORE_REGISTRY, LINES);
const registryText = registered.kind === 'edited' ? registered.after : BEFORE_REGISTRY;

function input(currentFiles: Record<string, string | undefined> = FILES, force = false): DestroyInput {
  return {
    root: '/project', name: 'orders', record: RECORD, manifest, manifestText,
    currentFiles: new Map(Object.entries(currentFiles)), registryText, force, store: baseStoreOf(),
  };
}

describe('findContextRecord', () => {
  it('finds a recorded context by its plural or its singular', () => {
    expect(findContextRecord(manifest, 'orders')).toEqual({ name: 'orders', record: RECORD });
    expect(findContextRecord(manifest, 'order').name).toBe('orders');
  });

  it('refuses a context the manifest does not record, listing those it does', () => {
    expect(() => findContextRecord(manifest, 'invoices')).toThrow('no generated context "invoices" in ddd.json (it records: orders)');
    expect(() => findContextRecord(manifest, '../x')).toThrow(CliError);
  });
});

describe('buildDestroyPlan', () => {
  it('deletes the recorded files and reverts the registry and the manifest exactly', () => {
    const plan = buildDestroyPlan(input());
    expect(plan.steps).toEqual([
      { kind: 'delete', path: 'src/domains/orders/index.ts', before: 'index\n' },
      { kind: 'delete', path: 'src/domains/orders/domain/order.ts', before: 'order\n' },
      { kind: 'edit', path: 'src/domains/index.ts', before: registryText, after: BEFORE_REGISTRY, summary: 'unregister ordersContext' },
      { kind: 'edit', path: 'ddd.json', before: manifestText, after: BEFORE_MANIFEST, summary: 'forget orders in the manifest' },
    ]);
  });

  it('refuses, listing them, when files changed or are missing', () => {
    const changed = { 'src/domains/orders/index.ts': 'index\n// mine\n', 'src/domains/orders/domain/order.ts': undefined };
    expect(() => buildDestroyPlan(input(changed))).toThrow(
      'refusing to destroy "orders": changed since generation: src/domains/orders/index.ts; ' +
        'missing: src/domains/orders/domain/order.ts. Keep your changes elsewhere, or pass --force',
    );
  });

  it('with --force deletes changed files as they are now and skips missing ones', () => {
    const changed = { 'src/domains/orders/index.ts': 'index\n// mine\n', 'src/domains/orders/domain/order.ts': undefined };
    const deletes = buildDestroyPlan(input(changed, true)).steps.filter((s) => s.kind === 'delete');
    expect(deletes).toEqual([{ kind: 'delete', path: 'src/domains/orders/index.ts', before: 'index\n// mine\n' }]);
  });

  it('leaves a registry that no longer names the context alone', () => {
    const plan = buildDestroyPlan({ ...input(), registryText: BEFORE_REGISTRY });
    expect(plan.steps.map((s) => s.path)).not.toContain('src/domains/index.ts');
  });

  it('drops the base of the files and the registration from the registry base, in a project with a record', () => {
    const project = { name: 'p', packageManager: 'npm', files: { 'src/domains/index.ts': hashContent(registryText) } };
    const recordedText = renderManifest(manifest, { project });
    const store = baseStoreOf([registryText, ...Object.values(FILES)]);
    const plan = buildDestroyPlan({ ...input(), manifest: parseManifest(recordedText), manifestText: recordedText, store });
    const manifestEdit = plan.steps.at(-1);
    const after = parseManifest(manifestEdit?.kind === 'edit' ? manifestEdit.after : '');
    expect(after.project?.files['src/domains/index.ts']).toBe(hashContent(BEFORE_REGISTRY));
    const stored = plan.steps.filter((s) => s.path.startsWith('.ddd/base/')).map((s) => `${s.kind} ${s.path.slice(10, 18)}`);
    expect(stored.sort()).toEqual(
      [
        `write ${hashContent(BEFORE_REGISTRY).slice(7, 15)}`,
        ...[registryText, ...Object.values(FILES)].map((text) => `delete ${hashContent(text).slice(7, 15)}`),
      ].sort(),
    );
  });
});
