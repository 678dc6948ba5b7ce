import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** End to end through the built bin, as users run it; built once here so the test never sees a stale dist. */
const packageRoot = path.resolve(__dirname, '..');
const bin = path.join(packageRoot, 'bin', 'create-ddd-express.js');
const fixtureTemplates = path.join(__dirname, 'fixtures', 'templates');
const realProjectTemplates = path.resolve(packageRoot, '..', '..', 'templates', 'project');

let workDir: string;

function run(args: readonly string[], env: Record<string, string | undefined> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: workDir,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CREATE_DDD_EXPRESS_TEMPLATES: fixtureTemplates, CREATE_DDD_EXPRESS_CLI_SPEC: undefined, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: packageRoot, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
}, 120_000);

beforeEach(() => {
  workDir = realpathSync(mkdtempSync(path.join(tmpdir(), 'create-cli-')));
});
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

describe('create-ddd-express (built CLI)', () => {
  it('creates a project from the templates with --yes --no-install --no-git', () => {
    const { code, stdout, stderr } = run(['x', '--yes', '--no-install', '--no-git']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(workDir)).toEqual(['x']);
    const project = path.join(workDir, 'x');
    expect(readdirSync(project).sort()).toEqual(['.env', '.env.example', '.gitignore', 'README.md', 'package.json', 'src']);
    expect(existsSync(path.join(project, '.git'))).toBe(false);

    const manifest = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
    expect(manifest.name).toBe('x');
    const spec: string = manifest.devDependencies['create-ddd-express'];
    expect(spec).toMatch(/^file:[^\\]+$/);
    expect(path.resolve(project, spec.slice('file:'.length))).toBe(realpathSync(packageRoot));

    const env = readFileSync(path.join(project, '.env'), 'utf8');
    expect(env).toMatch(/^JWT_ACCESS_SECRET=[\w-]{64}$/m);
    expect(env).not.toContain('change-me');
    expect(stdout).toContain('  cd x\n  npm install\n  npm run dev\n  npm test');
  });

  it('uses the spec from CREATE_DDD_EXPRESS_CLI_SPEC and the manager from --pm', () => {
    const { code, stdout } = run(['x', '--yes', '--no-install', '--no-git', '--pm', 'pnpm'], {
      CREATE_DDD_EXPRESS_CLI_SPEC: 'file:/tmp/create-ddd-express-0.1.0.tgz',
    });
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(workDir, 'x', 'package.json'), 'utf8'));
    expect(manifest.devDependencies['create-ddd-express']).toBe('file:/tmp/create-ddd-express-0.1.0.tgz');
    expect(stdout).toContain('pnpm run dev');
  });

  it('prints the plan and writes nothing with --dry-run', () => {
    const { code, stdout } = run(['x', '--yes', '--dry-run']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/create {2}package\.json {2}\(\d+ lines\)/);
    expect(stdout).toContain('create  .env  ');
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('refuses an invalid package name, suggesting a valid one, and writes nothing', () => {
    const { code, stderr } = run(['Bad Name!', '--yes', '--no-install', '--no-git']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Error: "Bad Name!" cannot be an npm package name');
    expect(stderr).toContain('try: create-ddd-express bad-name');
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('refuses a non-empty directory and leaves it as it was', () => {
    mkdirSync(path.join(workDir, 'x'));
    writeFileSync(path.join(workDir, 'x', 'notes.txt'), 'keep me');
    const { code, stderr } = run(['x', '--yes', '--no-install', '--no-git']);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Error: x is not empty; choose another directory or empty it.');
    expect(readdirSync(workDir)).toEqual(['x']);
    expect(readdirSync(path.join(workDir, 'x'))).toEqual(['notes.txt']);
  });

  it('asks nothing without a terminal and reports the missing directory with usage', () => {
    const { code, stderr } = run([]);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Error: Missing project directory.\nUsage: create-ddd-express <directory>');
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('reports a failed install with the command to retry, keeping the project', () => {
    // An empty PATH makes the manager impossible to find, whichever it is.
    const { code, stderr } = run(['x', '--yes', '--no-git', '--pm', 'yarn'], { PATH: '' });
    expect(code).toBe(1);
    expect(stderr).toContain('Installing dependencies with yarn failed (yarn is not installed)');
    expect(stderr).toContain('Retry with: cd x && yarn install');
    expect(existsSync(path.join(workDir, 'x', 'package.json'))).toBe(true);
  });

  const hasRealTemplates = existsSync(path.join(realProjectTemplates, 'package.json.ejs'));
  (hasRealTemplates ? it : it.skip)('renders the real project templates', () => {
    const { code, stderr } = run(['real-api', '--yes', '--no-install', '--no-git'], { CREATE_DDD_EXPRESS_TEMPLATES: undefined });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(workDir, 'real-api', 'package.json'), 'utf8'));
    expect(manifest.name).toBe('real-api');
  });
});
