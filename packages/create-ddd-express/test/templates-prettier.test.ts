import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCreatePlan } from '../src/create/create-plan';
import { parseFieldsSpec } from '../src/bounded-context/fields';
import { deriveContextNames } from '../src/bounded-context/names';
import { buildTemplateData } from '../src/bounded-context/template-data';
import { PRINT_WIDTH, templateHelpers } from '../src/bounded-context/template-helpers';
import { loadTemplateTree, renderTemplates } from '../src/templates/render';
import { templatesRoot } from '../src/templates/locate';

/**
 * Generated code must pass the project's own `npm run format:check` as generated. `ddd generate domain` falls
 * back to Prettier only for files where a long name pushes a line past the print width, so every other rendered
 * file must already be in Prettier's style: the project and a battery of contexts are rendered into a temporary
 * directory and checked by the Prettier CLI under the project's own configuration.
 */
const PRETTIER = require.resolve('prettier/bin/prettier.cjs');

/** Contexts whose names are ordinary: no line may overflow, so generating them never needs Prettier. */
const ORDINARY_CONTEXTS: readonly (readonly [string, string])[] = [
  ['orders', 'title:string total:number qty:integer paid:boolean due:date status:enum(pending|paid|shipped) note:string? sku:string:unique:index'],
  ['order-items', 'name:string'],
  ['people', 'firstName:string:unique score:number? joinedOn:date?:index'],
  ['flags', 'on:boolean'],
  ['toggles', 'kind:enum(on|off)? active:boolean?'],
  ['events', 'startsAt:date:unique capacity:integer?:unique price:number:unique'],
];

const CONTEXTS: readonly (readonly [string, string])[] = [
  ...ORDINARY_CONTEXTS,
  ['warehouse-shipment-line-items', 'description:string? expectedArrivalDate:date?:unique status:enum(picked|packed)'],
];

const fitsPrintWidth = (file: { content: string }): boolean =>
  file.content.split('\n').every((line) => line.length <= PRINT_WIDTH);

async function writeAll(root: string, files: readonly { path: string; content: string }[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(root, file.path)), { recursive: true });
    await writeFile(path.join(root, file.path), file.content);
  }
}

describe('templates render in the generated project’s Prettier style', () => {
  let root: string;
  const overflowing: string[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ddd-prettier-'));
    const plan = buildCreatePlan(
      {
        targetDir: root,
        projectName: 'my-api',
        packageManager: 'npm',
        cli: { version: '0.1.0' },
        cliDependency: '0.1.0',
        generateSecret: () => 'x'.repeat(64),
      },
      await loadTemplateTree(path.join(templatesRoot(), 'project')),
    );
    await writeAll(root, plan.steps.flatMap((step) => (step.kind === 'write' ? [step] : [])));
    const domainTemplates = await loadTemplateTree(path.join(templatesRoot(), 'domain'));
    for (const [name, spec] of CONTEXTS) {
      const names = deriveContextNames(name);
      const data = buildTemplateData(names, parseFieldsSpec(spec), '0.1.0');
      const replacements = { __context__: names.context.kebab, __entity__: names.entity.kebab };
      const rendered = renderTemplates(domainTemplates, { ...data, ...templateHelpers }, replacements);
      if (ORDINARY_CONTEXTS.some(([ordinary]) => ordinary === name)) {
        overflowing.push(...rendered.filter((file) => !fitsPrintWidth(file)).map((file) => file.path));
      }
      await writeAll(root, rendered.filter(fitsPrintWidth));
    }
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('never overflows a line for ordinary names (so no Prettier pass is needed)', () => {
    expect(overflowing).toEqual([]);
  });

  it('for the project and every context', () => {
    const check = spawnSync(process.execPath, [PRETTIER, '--list-different', '.'], { cwd: root, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.split('\n').filter(Boolean)).toEqual([]);
    expect(check.status).toBe(0);
  });

  it('would notice a badly formatted file', async () => {
    await writeFile(path.join(root, 'src', 'ugly.ts'), 'const  x = {a:1}\n');
    const check = spawnSync(process.execPath, [PRETTIER, '--list-different', 'src/ugly.ts'], { cwd: root, encoding: 'utf8' });
    expect(check.stdout.trim()).toBe('src/ugly.ts');
    await rm(path.join(root, 'src', 'ugly.ts'));
  });
});
