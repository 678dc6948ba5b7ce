import { baseStoreOf } from '../../project/base-store';
import { CliError } from '../../shared/cli-error';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileEdit, FileWrite, PlanStep } from '../../plan/plan';
import type { GenerateInput } from './generate-plan';
import { buildGeneratePlan, parseGenerateRequest } from './generate-plan';
import { hashContent, manifestText as renderManifest, parseManifest } from '../../project/manifest';
import type { TemplateFile } from '../../templates/render';
import { FIXTURE_PROJECT } from '../../../test/fixtures/domain-kit';

const manifestText = readFileSync(path.join(FIXTURE_PROJECT, 'ddd.json'), 'utf8');
const registryText = readFileSync(path.join(FIXTURE_PROJECT, 'src/domains/index.ts'), 'utf8');

const TEMPLATES: TemplateFile[] = [
  { path: 'src/domains/__context__/domain/__entity__.ts.ejs', content: '<%= entity.pascal %>:<% for (const f of fields) { %> <%= f.name %><% } %>\n' },
  { path: 'src/domains/__context__/index.ts.ejs', content: 'export const <%= contextExport %> = "<%= route %>";\n' },
  { path: 'src/domains/__context__/notes.md', content: 'verbatim <%= x %>\n' },
  { path: 'src/domains/__context__/cached.ts.ejs', content: '<% if (cache) { %>cached <%= entity.kebab %>\n<% } %>\n' },
];

function input(overrides: Partial<GenerateInput> = {}): GenerateInput {
  return {
    ...parseGenerateRequest('order-items', 'title:string qty:integer'),
    root: '/project',
    manifest: parseManifest(manifestText),
    manifestText,
    registryText,
    contextDirectoryExists: false,
    templates: TEMPLATES,
    templateVersion: '1.0.0',
    force: false,
    store: baseStoreOf(),
    ...overrides,
  };
}

function step(steps: readonly PlanStep[], file: string): FileWrite | FileEdit {
  const found = steps.find((candidate) => candidate.path === file);
  if (found === undefined || found.kind === 'delete') throw new Error(`no write or edit of ${file}`);
  return found;
}

describe('parseGenerateRequest', () => {
  it('defaults the fields to name:string', () => {
    expect(parseGenerateRequest('orders', undefined).fields.map((field) => `${field.name}:${field.type}`)).toEqual(['name:string']);
  });

  it('rejects a reserved name before anything else', () => {
    expect(() => parseGenerateRequest('class', 'title:string')).toThrow(CliError);
  });
});

describe('buildGeneratePlan', () => {
  const { plan } = buildGeneratePlan(input());

  it('renders the templates with placeholders replaced, then edits the registry and the manifest', () => {
    expect(plan.root).toBe('/project');
    expect(plan.steps.map((s) => `${s.kind} ${s.path}`)).toEqual([
      'write src/domains/order-items/domain/order-item.ts',
      'write src/domains/order-items/index.ts',
      'write src/domains/order-items/notes.md',
      'write src/domains/order-items/cached.ts',
      'edit src/domains/index.ts',
      'edit ddd.json',
    ]);
    expect(step(plan.steps, 'src/domains/order-items/domain/order-item.ts')).toMatchObject({ content: 'OrderItem: title qty\n' });
    expect(step(plan.steps, 'src/domains/order-items/notes.md')).toMatchObject({ content: 'verbatim <%= x %>\n' });
  });

  it('registers the context', () => {
    const registry = step(plan.steps, 'src/domains/index.ts') as FileEdit;
    expect(registry.before).toBe(registryText);
    expect(registry.after).toContain("import { orderItemsContext } from './order-items';\n");
    expect(registry.after).toContain('  orderItemsContext,\n];');
    expect(registry.summary).toBe('register orderItemsContext');
  });

  it('records the files with their hashes, the fields and the registry lines in the manifest', () => {
    const manifest = step(plan.steps, 'ddd.json') as FileEdit;
    expect(manifest.before).toBe(manifestText);
    const record = parseManifest(manifest.after).contexts['order-items'];
    expect(record).toEqual({
      templateVersion: '1.0.0',
      fields: 'title:string qty:integer',
      cache: true,
      access: 'owner',
      files: {
        'src/domains/order-items/cached.ts': hashContent('cached order-item\n\n'),
        'src/domains/order-items/domain/order-item.ts': hashContent('OrderItem: title qty\n'),
        'src/domains/order-items/index.ts': hashContent('export const orderItemsContext = "/api/v1/order-items";\n'),
        'src/domains/order-items/notes.md': hashContent('verbatim <%= x %>\n'),
      },
      registry: { file: 'src/domains/index.ts', import: "import { orderItemsContext } from './order-items';", entry: 'orderItemsContext,' },
    });
  });

  it('leaves out the files of the cache, and records that, with --no-cache', () => {
    const uncached = buildGeneratePlan(input(parseGenerateRequest('order-items', 'title:string', { cache: false }))).plan;
    expect(uncached.steps.map((s) => s.path)).not.toContain('src/domains/order-items/cached.ts');
    expect(parseManifest((step(uncached.steps, 'ddd.json') as FileEdit).after).contexts['order-items']?.cache).toBe(false);
  });

  it('records the access model, and refuses one it does not know', () => {
    const shared = buildGeneratePlan(input(parseGenerateRequest('order-items', 'title:string', { access: 'shared' }))).plan;
    expect(parseManifest((step(shared.steps, 'ddd.json') as FileEdit).after).contexts['order-items']?.access).toBe('shared');
    expect(() => parseGenerateRequest('order-items', undefined, { access: 'public' })).toThrow(
      'invalid --access "public"; use one of: owner, shared, admin',
    );
  });

  it('keeps no base where the project has no record (made before upgrades)', () => {
    expect(plan.steps.some((s) => s.path.startsWith('.ddd/'))).toBe(false);
  });

  it('stores the base of each file and of the registry with the registration, in a project with a record', () => {
    const registryHash = hashContent(registryText);
    const project = { name: 'p', packageManager: 'npm', files: { 'src/domains/index.ts': registryHash } };
    const recordedText = renderManifest(parseManifest(manifestText), { project });
    const recorded = buildGeneratePlan(
      input({ manifest: parseManifest(recordedText), manifestText: recordedText, store: baseStoreOf([registryText]) }),
    ).plan;
    const after = parseManifest((step(recorded.steps, 'ddd.json') as FileEdit).after);
    const registered = (step(recorded.steps, 'src/domains/index.ts') as FileEdit).after;
    expect(after.project?.files['src/domains/index.ts']).toBe(hashContent(registered));
    const base = recorded.steps.filter((s) => s.path.startsWith('.ddd/base/'));
    expect(base.filter((s) => s.kind === 'delete').map((s) => s.path)).toEqual([`.ddd/base/${registryHash.slice(7)}`]);
    const stored = new Set(base.filter((s) => s.kind === 'write').map((s) => s.path.slice('.ddd/base/'.length)));
    const wanted = [...Object.values(after.contexts['order-items']?.files ?? {}), hashContent(registered)];
    expect([...stored].sort()).toEqual(wanted.map((hash) => hash.slice(7)).sort());
  });

  it('is deterministic', () => {
    expect(buildGeneratePlan(input())).toEqual(buildGeneratePlan(input()));
  });

  it('skips the registry edit when the context is already registered', () => {
    const registered = (step(plan.steps, 'src/domains/index.ts') as FileEdit).after;
    const again = buildGeneratePlan(input({ registryText: registered })).plan;
    expect(again.steps.map((s) => s.path)).not.toContain('src/domains/index.ts');
  });

  it('refuses an edited registry, showing the two lines to add by hand', () => {
    const edited = registryText.replace('export const contexts', 'export const allContexts');
    const attempt = (): unknown => buildGeneratePlan(input({ registryText: edited }));
    expect(attempt).toThrow('cannot register the context in src/domains/index.ts safely');
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(CliError);
      expect((error as CliError).hint).toContain("import { orderItemsContext } from './order-items';");
      expect((error as CliError).hint).toContain('  orderItemsContext,');
    }
  });

  it('refuses a missing registry', () => {
    expect(() => buildGeneratePlan(input({ registryText: undefined }))).toThrow('src/domains/index.ts does not exist');
  });

  it('refuses an existing context directory unless forced', () => {
    expect(() => buildGeneratePlan(input({ contextDirectoryExists: true }))).toThrow(
      'context "order-items" already exists (src/domains/order-items); pick another name, or pass --force',
    );
    expect(buildGeneratePlan(input({ contextDirectoryExists: true, force: true })).plan.steps).toHaveLength(6);
  });

  it('refuses a context the manifest already records unless forced', () => {
    const recorded = parseManifest((step(plan.steps, 'ddd.json') as FileEdit).after);
    expect(() => buildGeneratePlan(input({ manifest: recorded }))).toThrow('already exists (ddd.json)');
  });

  it('turns a template error into a command error', () => {
    const broken = [{ path: 'src/domains/__context__/x.ts.ejs', content: '<%= missingVariable %>' }];
    expect(() => buildGeneratePlan(input({ templates: broken }))).toThrow(/a domain template failed to render \(.*missingVariable/);
  });
});
