/**
 * `ddd upgrade` on a project made from an earlier commit's templates (OLD_TEMPLATES) by the packed CLI, with two
 * contexts and a user's edits committed: every outcome happens, the colliding edit is a listed conflict, Ctrl-C
 * while applying changes nothing, and once the conflict is resolved the project passes its checks and serves the
 * user's changed route.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  client,
  expectStatus,
  log,
  run,
  runOk,
  type RunResult,
  type ServerHandle,
  serverOutputOf,
  signUp,
  sleep,
  startProcess,
  waitForReady,
} from '../helpers';
import { type GeneratedProject, PROJECT_CHECKS, runProjectCheck, startProjectServer } from '../project';

/**
 * The templates of aab0183 (2026-11-24): before the authorization and cache contexts, a deleted use case
 * (log-out) and a moved file (test-app.ts), so that an upgrade to HEAD meets every case.
 */
const OLD_TEMPLATES = 'aab0183';
const LEGACY = 'legacy-api';
const GIT_IDENTITY = ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.invalid'];

const ORDER_COMMENT = '/** What clients see: every field but the owner, who is the caller anyway. Dates serialise as ISO 8601. */';
const OUR_ORDER_COMMENT = '/** What clients see: every field but the owner (our API guide, section 4). Dates serialise as ISO 8601. */';

/** The user's changes, each a kind the issue names. */
function editAsUser(dir: string): void {
  const edit = (file: string, change: (text: string) => string): void => {
    const absolute = path.join(dir, file);
    const before = readFileSync(absolute, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing: the old templates moved`);
    writeFileSync(absolute, after);
  };
  // Collides with the template, which rewrote this comment.
  edit('src/domains/orders/http/order.routes.ts', (text) => text.replace(ORDER_COMMENT, OUR_ORDER_COMMENT));
  // A change to the app, using a new file of the user's own, in lines the template left alone.
  writeFileSync(
    path.join(dir, 'src/shared/http/post-source.ts'),
    "import type { RequestHandler } from 'express';\n\n" +
      '/** Tells our clients which channel created a post. */\n' +
      "export const postSource: RequestHandler = (_req, res, next) => {\n  res.set('x-post-source', 'api');\n  next();\n};\n",
  );
  edit('src/app.ts', (text) =>
    `import { postSource } from './shared/http/post-source';\n${text}`.replace(
      '  app.use(createRequestLogger(routeLogger));\n',
      "  app.use(createRequestLogger(routeLogger));\n  app.use('/api/v1/posts', postSource);\n",
    ),
  );
  // A dependency and a script of the user's own.
  edit('package.json', (text) => {
    const manifest = JSON.parse(text) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    manifest.dependencies.dayjs = '1.11.13';
    manifest.scripts.hello = 'echo hello';
    return `${JSON.stringify(manifest, null, 2)}\n`;
  });
  // A test the user deleted, which the template changed since.
  rmSync(path.join(dir, 'src/shared/http/rate-limit.test.ts'));
}

/** The "yours" side of every conflict, as a user resolving by hand would keep. */
function keepYours(text: string): string {
  return text.replace(/<<<<<<< yours\n([\s\S]*?)=======\n[\s\S]*?>>>>>>> template\n/g, '$1');
}

interface UpgradeJson {
  readonly behind: boolean;
  readonly files: readonly { readonly path: string; readonly outcome: string }[];
}

export function upgradePhase(getProject: () => GeneratedProject): void {
  let dir = '';
  const git = (args: readonly string[]): Promise<RunResult> => runOk('git', [...GIT_IDENTITY, ...args], { cwd: dir });
  const status = async (): Promise<string> => (await git(['status', '--porcelain'])).stdout;
  // As in every project the e2e makes, create-ddd-express comes from the packed tarball, not the registry.
  const cliSpec = (): Record<string, string> => ({ CREATE_DDD_EXPRESS_CLI_SPEC: `file:${getProject().tarball}` });
  const ddd = (args: readonly string[], env: Record<string, string> = {}): Promise<RunResult> =>
    run(path.join(getProject().binDir, 'ddd'), args, { cwd: dir, env: { ...cliSpec(), ...env }, timeoutMs: 120_000 });

  it(`makes ${LEGACY} from the templates of ${OLD_TEMPLATES} with orders and posts, then commits the user's edits`, async () => {
    const project = getProject();
    const oldTemplates = path.join(project.workDir, `templates-${OLD_TEMPLATES}`);
    mkdirSync(oldTemplates);
    const archive = await run('sh', ['-c', `git archive ${OLD_TEMPLATES} templates | tar -x -C "${oldTemplates}"`], {
      cwd: path.resolve(__dirname, '..', '..', '..'),
    });
    if (archive.code !== 0) throw new Error(`commit ${OLD_TEMPLATES} is not in this clone (shallow?):\n${archive.output}`);
    const env = { CREATE_DDD_EXPRESS_TEMPLATES: path.join(oldTemplates, 'templates'), ...cliSpec() };
    const create = await run(path.join(project.binDir, 'create-ddd-express'), [LEGACY, '--yes', '--no-install'], {
      cwd: project.workDir,
      env,
    });
    if (create.code !== 0) throw new Error(`create failed:\n${create.output}`);
    dir = path.join(project.workDir, LEGACY);
    for (const args of [['orders', '--fields', 'title:string total:number'], ['posts', '--fields', 'title:string body:string?']]) {
      const generated = await ddd(['generate', 'domain', ...args], env);
      if (generated.code !== 0) throw new Error(`generate failed:\n${generated.output}`);
    }
    await git(['add', '-A']);
    await git(['commit', '-qm', 'orders and posts']);
    editAsUser(dir);
    await git(['add', '-A']);
    await git(['commit', '-qm', 'our changes']);
    expect(await status()).toBe('');
  });

  it('--check exits 1 and --json lists every outcome, changing nothing', async () => {
    expect((await ddd(['upgrade', '--check'])).code).toBe(1);
    const planned = await ddd(['upgrade', '--json']);
    expect(planned.code).toBe(0);
    const { behind, files } = JSON.parse(planned.stdout) as UpgradeJson;
    expect(behind).toBe(true);
    const outcome = (file: string) => files.find((report) => report.path === file)?.outcome;
    expect(outcome('src/domains/orders/http/order.routes.ts')).toBe('conflict');
    expect(outcome('src/domains/posts/http/post.routes.ts')).toBe('replaced');
    expect(outcome('package.json')).toBe('merged');
    expect(outcome('src/app.ts')).toBe('merged');
    expect(outcome('src/shared/cache/caches.ts')).toBe('added');
    expect(outcome('src/domains/identity/application/log-out.use-case.ts')).toBe('removed');
    expect(outcome('src/shared/testing/test-app.ts')).toBe('moved');
    expect(outcome('src/shared/http/rate-limit.test.ts')).toBe('kept');
    expect(outcome('src/shared/http/post-source.ts')).toBeUndefined();
    expect(await status()).toBe('');
  });

  it('Ctrl-C while it applies leaves the tree exactly as it was', async () => {
    for (let delayMs = 150; delayMs < 3_000; delayMs += 4) {
      const upgrade = startProcess(path.join(getProject().binDir, 'ddd'), ['upgrade'], { cwd: dir, env: cliSpec() });
      await sleep(delayMs);
      upgrade.signal('SIGINT');
      const { code } = await upgrade.waitForExit(60_000);
      if (code === 130) {
        expect(upgrade.output()).toMatch(/interrupted by SIGINT\); every change was undone/);
        expect(await status()).toBe('');
        log(`interrupted after ${delayMs} ms, while applying; nothing changed`);
        return;
      }
      if (code !== null) throw new Error(`the upgrade finished (exit ${code}) before an interrupt caught it:\n${upgrade.output()}`);
      expect(await status()).toBe(''); // killed before it started applying
    }
    throw new Error('no interrupt landed while the upgrade applied');
  });

  it('upgrades, listing the conflict with its markers and exiting 1', async () => {
    const upgrade = await ddd(['upgrade']);
    log(`ddd upgrade took ${upgrade.ms} ms (process start to exit, no install)`);
    expect(upgrade.code).toBe(1);
    expect(upgrade.stderr).toContain('1 file(s) with conflicts');
    const routes = readFileSync(path.join(dir, 'src/domains/orders/http/order.routes.ts'), 'utf8');
    expect(routes).toContain(`<<<<<<< yours\n${OUR_ORDER_COMMENT}\n=======\n`);
    expect(existsSync(path.join(dir, 'src/shared/http/rate-limit.test.ts'))).toBe(false);
    expect(existsSync(path.join(dir, 'src/domains/identity/application/log-out.use-case.ts'))).toBe(false);
    expect(existsSync(path.join(dir, 'src/testing/test-app.ts'))).toBe(true);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    expect(manifest.dependencies.dayjs).toBe('1.11.13');
    expect(manifest.scripts.hello).toBe('echo hello');
  });

  it('refuses to run on the uncommitted result, then, committed, finds nothing to do', async () => {
    const routes = path.join(dir, 'src/domains/orders/http/order.routes.ts');
    writeFileSync(routes, keepYours(readFileSync(routes, 'utf8')));
    const refused = await ddd(['upgrade']);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/uncommitted changes/);
    await git(['add', '-A']);
    await git(['commit', '-qm', 'upgrade']);
    const again = await ddd(['upgrade']);
    expect(again.output).toMatch(/Already current/);
    expect(again.code).toBe(0);
    expect((await ddd(['upgrade', '--check'])).code).toBe(0);
    expect(await status()).toBe('');
  });

  it('installs the merged dependencies', async () => {
    await runOk('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 600_000 });
  });

  for (const check of PROJECT_CHECKS) {
    it(`passes ${check.name}`, async () => {
      await runProjectCheck({ ...getProject(), dir }, check.name);
    });
  }

  describe('the upgraded server', () => {
    let server: ServerHandle | undefined;
    afterAll(() => server?.kill());

    it("serves the user's changed route and the template's new ones", async () => {
      server = await startProjectServer({ ...getProject(), dir });
      await waitForReady(server);
      const api = client(server.baseUrl);
      const token = await signUp(api, 'upgraded@example.com');
      const created = expectStatus(await api('POST', '/api/v1/posts', { token, json: { title: 'Hi' } }), 201);
      expect(created.headers.get('x-post-source')).toBe('api');
      expectStatus(await api('GET', '/api/v1/users', { token }), 403, 'the administration route, as a user');
      expect(serverOutputOf(server)).not.toMatch(/"level":(50|60)/);
    });
  });
}
