import { baseStoreOf } from '../src/project/base-store';
/**
 * The versions a generated project gets: exact, all from the version map, and the lockfile it installs agrees with
 * both. Rendered from the real templates, the real map and the real tested lockfile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEPENDENCY_VERSIONS } from '../src/dependencies/dependency-versions';
import { buildGeneratePlan, parseGenerateRequest } from '../src/ddd/generate-domain/generate-plan';
import { parseManifest } from '../src/project/manifest';
import { buildCreatePlan } from '../src/create/create-plan';
import { cliManifest } from '../src/shared/package-info';
import { templatesRoot } from '../src/templates/locate';
import { loadTemplateTree } from '../src/templates/render';
import type { Plan } from '../src/plan/plan';

type Dependencies = Record<string, string>;
interface PackageJson {
  readonly dependencies: Dependencies;
  readonly devDependencies: Dependencies;
}
interface Lockfile {
  readonly packages: Record<string, { version?: string; dependencies?: Dependencies }>;
}

const cli = cliManifest();
const RANGE = /[\^~*xX<>|\s]|^latest$/;

function written(plan: Plan, file: string): string {
  const step = plan.steps.find((candidate) => candidate.path === file);
  if (step?.kind !== 'write') throw new Error(`the plan writes no ${file}`);
  return step.content;
}

describe('the dependencies of a generated project', () => {
  let packageJson: PackageJson;
  let lockfile: Lockfile;

  beforeAll(async () => {
    const templates = await loadTemplateTree(path.join(templatesRoot(), 'project'));
    const plan = buildCreatePlan(
      { targetDir: '/p/my-api', projectName: 'my-api', packageManager: 'npm', cli, cliDependency: cli.version },
      templates,
    );
    packageJson = JSON.parse(written(plan, 'package.json')) as PackageJson;
    lockfile = JSON.parse(written(plan, 'package-lock.json')) as Lockfile;
  });

  const declared = () => Object.entries({ ...packageJson.dependencies, ...packageJson.devDependencies });

  it('are exact versions: no range, tag or wildcard anywhere', () => {
    const ranged = declared().filter(([, version]) => RANGE.test(version));
    expect(ranged).toEqual([]);
    expect(declared().length).toBeGreaterThan(20);
  });

  it('come from the version map, which lists nothing the project does not use', () => {
    const fromElsewhere = declared().filter(
      ([name, version]) => name !== 'create-ddd-express' && DEPENDENCY_VERSIONS[name as keyof typeof DEPENDENCY_VERSIONS] !== version,
    );
    expect(fromElsewhere).toEqual([]);
    const names = new Set(declared().map(([name]) => name));
    expect(Object.keys(DEPENDENCY_VERSIONS).filter((name) => !names.has(name))).toEqual([]);
    expect(packageJson.devDependencies['create-ddd-express']).toBe(cli.version);
  });

  it('are named in the template only through pinned(), never as literal versions', () => {
    const template = readFileSync(path.join(templatesRoot(), 'project', 'package.json.ejs'), 'utf8');
    const blocks = [...template.matchAll(/"(?:dev)?[dD]ependencies": \{([^}]*)\}/g)].map((match) => match[1] ?? '');
    const lines = blocks.flatMap((block) => block.split('\n').filter((line) => line.trim() !== ''));
    const literal = lines.filter(
      (line) => !/^\s*"([^"]+)": "<%= pinned\('\1'\) %>",?$/.test(line) && !line.includes('<%= cliDependency %>'),
    );
    expect(literal).toEqual([]);
    expect(lines.length).toBe(declared().length);
  });

  it('are what the tested lockfile installs (else: npm run deps:lock)', () => {
    const installed = Object.entries(DEPENDENCY_VERSIONS).map(([name, version]) => [
      name,
      version,
      lockfile.packages[`node_modules/${name}`]?.version,
    ]);
    expect(installed.filter(([, version, locked]) => version !== locked)).toEqual([]);
  });

  it('include the CLI’s own dependencies at the exact versions its package.json pins (else: npm run deps:lock)', () => {
    const own = Object.entries(cli.dependencies ?? {});
    expect(own.filter(([, version]) => RANGE.test(version))).toEqual([]);
    expect(lockfile.packages['node_modules/create-ddd-express']?.dependencies).toEqual(cli.dependencies);
    expect(own.filter(([name, version]) => lockfile.packages[`node_modules/${name}`]?.version !== version)).toEqual([]);
  });

  it('are never added by ddd generate domain: its plan does not touch package.json or the lockfile', async () => {
    const project = path.join(__dirname, 'fixtures', 'domain-project');
    const manifestText = readFileSync(path.join(project, 'ddd.json'), 'utf8');
    const { plan } = buildGeneratePlan({
      ...parseGenerateRequest('orders', 'title:string total:number paid:boolean dueOn:date status:enum(a|b) note:string?'),
      root: project,
      manifest: parseManifest(manifestText),
      manifestText,
      registryText: readFileSync(path.join(project, 'src/domains/index.ts'), 'utf8'),
      contextDirectoryExists: false,
      templates: await loadTemplateTree(path.join(templatesRoot(), 'domain')),
      templateVersion: cli.version,
      force: false,
      store: baseStoreOf(),
    });
    const touched = plan.steps.map((step) => step.path);
    expect(touched.length).toBeGreaterThan(10);
    expect(touched.filter((file) => /(^|\/)package(-lock)?\.json$/.test(file))).toEqual([]);
  });
});
