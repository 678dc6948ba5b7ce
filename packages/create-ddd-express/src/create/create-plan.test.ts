import type { TemplateFile } from '../templates/render';
import { hashContent, parseManifest } from '../project/manifest';
import { buildCreatePlan, type CreatePlanInput } from './create-plan';

const templates: TemplateFile[] = [
  { path: '_env.example.ejs', content: 'APP_NAME=<%= projectName %>\nJWT_ACCESS_SECRET=change-me\n' },
  { path: '_gitignore', content: 'node_modules/\n.env\n' },
  {
    path: 'package.json.ejs',
    content: '{"name":"<%= packageName %>","cli":"<%- cliDependency %>","v":"<%= cliVersion %>","pm":"<%= packageManager %>"}\n',
  },
  { path: 'src/main.ts', content: 'const kept = "<%= not rendered %>";\n' },
];

const input: CreatePlanInput = {
  targetDir: '/projects/shop',
  projectName: 'shop',
  packageManager: 'pnpm',
  cli: { version: '1.2.3' },
  cliDependency: 'file:../create-ddd-express',
  generateSecret: () => 'fixed-secret',
};

describe('buildCreatePlan', () => {
  const plan = buildCreatePlan(input, templates);
  const content = (file: string) => plan.steps.find((step) => step.path === file);

  it('writes every template to its output path, rooted at the target', () => {
    expect(plan.root).toBe('/projects/shop');
    expect(plan.steps.every((step) => step.kind === 'write')).toBe(true);
    expect(plan.steps.map((step) => step.path)).toEqual(['.env.example', '.gitignore', 'package.json', 'src/main.ts', '.env']);
  });

  it('renders .ejs files with the project data and copies the others verbatim', () => {
    expect(content('package.json')).toMatchObject({
      content: '{"name":"shop","cli":"file:../create-ddd-express","v":"1.2.3","pm":"pnpm"}\n',
    });
    expect(content('src/main.ts')).toMatchObject({ content: 'const kept = "<%= not rendered %>";\n' });
  });

  it('writes .env from the rendered .env.example with injected secrets', () => {
    expect(content('.env')).toMatchObject({ content: 'APP_NAME=shop\nJWT_ACCESS_SECRET=fixed-secret\n' });
    expect(content('.env.example')).toMatchObject({ content: 'APP_NAME=shop\nJWT_ACCESS_SECRET=change-me\n' });
  });

  it('adds no .env when there is no .env.example', () => {
    const withoutExample = buildCreatePlan(input, templates.slice(1));
    expect(withoutExample.steps.map((step) => step.path)).not.toContain('.env');
  });

  it('renders versions only through pinned(), which knows every package of the version map and no other', () => {
    const pinning: TemplateFile[] = [{ path: 'versions.txt.ejs', content: "<%= pinned('zod') %>" }];
    expect(buildCreatePlan(input, pinning).steps[0]).toMatchObject({ content: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const unknown: TemplateFile[] = [{ path: 'versions.txt.ejs', content: "<%= pinned('left-pad') %>" }];
    expect(() => buildCreatePlan(input, unknown)).toThrow(/left-pad is not in the version map/);
  });

  it('fits the tested lockfile to an npm project and writes none for pnpm or yarn', () => {
    const lockfile: TemplateFile = {
      path: 'package-lock.json',
      content: JSON.stringify({ name: 'x', version: '0.0.0', lockfileVersion: 3, requires: true, packages: {} }),
    };
    const project: TemplateFile = {
      path: 'package.json.ejs',
      content: '{"name":"<%= packageName %>","version":"0.1.0","devDependencies":{"create-ddd-express":"1.2.3"}}',
    };
    const paths = (packageManager: CreatePlanInput['packageManager']) =>
      buildCreatePlan({ ...input, packageManager }, [lockfile, project]).steps.map((step) => step.path);
    expect(paths('pnpm')).toEqual(['package.json']);
    expect(paths('yarn')).toEqual(['package.json']);
    const npm = buildCreatePlan({ ...input, packageManager: 'npm' }, [lockfile, project]);
    const written = npm.steps.find((step) => step.path === 'package-lock.json');
    expect(written?.kind === 'write' && JSON.parse(written.content)).toMatchObject({
      name: 'shop',
      packages: { '': { name: 'shop' }, 'node_modules/create-ddd-express': { version: '1.2.3' } },
    });
  });

  it('records the inputs and every file but .env in ddd.json, and their contents in one pack in .ddd/base/', () => {
    const manifest: TemplateFile = {
      path: 'ddd.json.ejs',
      content: '{ "generator": "create-ddd-express", "templateVersion": "<%= cliVersion %>", "contexts": {} }\n',
    };
    const recorded = buildCreatePlan(input, [manifest, ...templates]);
    const written = new Map(recorded.steps.map((step) => [step.path, step.kind === 'write' ? step.content : '']));
    const { project, templateVersion } = parseManifest(written.get('ddd.json') ?? '');
    expect(templateVersion).toBe('1.2.3');
    expect(project?.name).toBe('shop');
    expect(project?.packageManager).toBe('pnpm');
    expect(Object.keys(project?.files ?? {})).toEqual(['.env.example', '.gitignore', 'package.json', 'src/main.ts']);
    const stored = [...written.keys()].filter((file) => file.startsWith('.ddd/'));
    expect(stored).toEqual([expect.stringMatching(/^\.ddd\/base\/[0-9a-f]{64}\.pack$/)]);
    const pack = written.get(stored[0] ?? '') ?? '';
    expect(`.ddd/base/${hashContent(pack).slice('sha256:'.length)}.pack`).toBe(stored[0]);
    const entries = new Map(Object.entries(JSON.parse(pack) as Record<string, string>));
    expect(entries.size).toBe(4);
    for (const [file, hash] of Object.entries(project?.files ?? {})) {
      expect(hashContent(entries.get(hash.slice('sha256:'.length)) ?? '')).toBe(hash);
      expect(hashContent(written.get(file) ?? '')).toBe(hash);
    }
  });

  it('uses fresh random secrets by default', () => {
    const { generateSecret: _ignored, ...random } = input;
    const secrets = [buildCreatePlan(random, templates), buildCreatePlan(random, templates)].map((built) =>
      built.steps.find((step) => step.path === '.env'),
    );
    expect(secrets[0]).toMatchObject({ content: expect.stringMatching(/^JWT_ACCESS_SECRET=[\w-]{64}$/m) });
    expect(secrets[0]).not.toEqual(secrets[1]);
  });
});
