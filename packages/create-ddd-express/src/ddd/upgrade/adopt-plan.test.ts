import { baseStoreOf } from '../../project/base-store';
import { hashContent, manifestWithContext, parseManifest } from '../../project/manifest';
import { registryLines } from '../../project/registry';
import { buildAdoptPlan, type AdoptInput, type FoundBase } from './adopt-plan';

const REGISTRY = 'src/domains/index.ts';
const REGISTRY_TEMPLATE = "import { identityContext } from './identity';\nexport const contexts: readonly BoundedContext[] = [\n  identityContext,\n];\n";
const ORDER = 'src/domains/orders/order.ts';
const OLD = '{"generator":"create-ddd-express","templateVersion":"0.0.9","contexts":{}}';
const record = {
  templateVersion: '0.0.9', fields: 'name:string', cache: true, access: 'owner',
  files: { [ORDER]: hashContent('order\n') }, registry: { file: REGISTRY, ...registryLines('ordersContext', 'orders') },
};
const text = manifestWithContext(parseManifest(OLD), 'orders', record);
const found = (content: string, source: string): FoundBase => ({ content, source });

function input(overrides: Partial<AdoptInput> = {}): AdoptInput {
  return {
    root: '/p',
    manifest: parseManifest(text),
    manifestText: text,
    name: 'legacy',
    packageManager: 'npm',
    projectBases: new Map([[REGISTRY, found(REGISTRY_TEMPLATE, 'initial commit')], ['src/app.ts', found('app\n', 'initial commit')]]),
    contextBases: new Map([[ORDER, found('order\n', 'hash')]]),
    unverified: new Map(),
    force: false,
    store: baseStoreOf(),
    ...overrides,
  };
}

function recorded(plan: ReturnType<typeof buildAdoptPlan>['plan']) {
  const edit = plan.steps.at(-1);
  return { manifest: parseManifest(edit?.kind === 'edit' ? edit.after : ''), stored: plan.steps.filter((step) => step.kind === 'write') };
}

describe('buildAdoptPlan', () => {
  it('records the project with its registry as generated, registrations included, and stores every base', () => {
    const { plan, sources } = buildAdoptPlan(input());
    const { manifest, stored } = recorded(plan);
    expect(manifest.templateVersion).toBe('0.0.9');
    expect(manifest.project).toEqual({
      name: 'legacy',
      packageManager: 'npm',
      files: {
        'src/app.ts': hashContent('app\n'),
        [REGISTRY]: hashContent(REGISTRY_TEMPLATE.replace("';\n", "';\nimport { ordersContext } from './orders';\n").replace('  identityContext,\n', '  identityContext,\n  ordersContext,\n')),
      },
    });
    expect(manifest.contexts.orders?.files).toEqual(record.files);
    expect(stored.map((step) => step.path).sort()).toEqual(
      [...Object.values(manifest.project?.files ?? {}), hashContent('order\n')].map((hash) => `.ddd/base/${hash.slice(7)}`).sort(),
    );
    expect([...sources]).toEqual([['initial commit', 2], ['hash', 1]]);
  });

  it('refuses files no source vouches for, naming them, unless forced', () => {
    const unverified = new Map([[ORDER, { current: 'order changed\n', ofContext: true }]]);
    const unproven = input({ contextBases: new Map(), unverified });
    expect(() => buildAdoptPlan(unproven)).toThrow(`cannot tell how 1 file(s) looked as generated: ${ORDER}; nothing was changed`);
    const forced = recorded(buildAdoptPlan({ ...unproven, force: true }).plan);
    expect(forced.manifest.contexts.orders?.files).toEqual({ [ORDER]: hashContent('order changed\n') });
  });
});
