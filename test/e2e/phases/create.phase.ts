/**
 * Phase 1, "the proof": the project `create-ddd-express my-api --yes --pm npm` made passes its own checks, and its
 * built server does what the README promises over real HTTP, against a real Redis.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  client,
  cookieNamed,
  describeResponse,
  type HttpResponse,
  runOk,
  type ServerHandle,
  serverOutputOf,
  signUp,
  statusCheck,
  waitForReady,
} from '../helpers';
import {
  type GeneratedProject,
  inProject,
  PROJECT_CHECKS,
  REFRESH_COOKIE,
  runProjectCheck,
  startProjectServer,
} from '../project';

/** Failed logins of one account from one address before the next is refused (successful ones spend nothing). */
const LOGIN_FAILURES = 5;
const MIN_SECRET_BYTES = 32;

function envValue(envText: string, name: string): string {
  const match = new RegExp(`^${name}=(.*)$`, 'm').exec(envText);
  if (!match) throw new Error(`${name} is missing from:\n${envText}`);
  return (match[1] ?? '').trim();
}

export function createPhase(getProject: () => GeneratedProject): void {
  it('wrote .env with two distinct secrets, .env.example, a .gitignore for .env, and the first git commit', async () => {
    const project = getProject();
    const read = (file: string) => readFileSync(path.join(project.dir, file), 'utf8');

    const env = read('.env');
    const accessSecret = envValue(env, 'JWT_ACCESS_SECRET');
    const refreshSecret = envValue(env, 'JWT_REFRESH_SECRET');
    expect(Buffer.byteLength(accessSecret)).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
    expect(Buffer.byteLength(refreshSecret)).toBeGreaterThanOrEqual(MIN_SECRET_BYTES);
    expect(accessSecret).not.toBe(refreshSecret);

    const example = read('.env.example');
    expect(envValue(example, 'JWT_ACCESS_SECRET')).not.toBe(accessSecret);
    expect(example).not.toContain(accessSecret);
    expect(example).not.toContain(refreshSecret);

    const ignored = read('.gitignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toContain('.env');

    // The CLI installed itself from the tarball, as the spec the project records.
    const manifest = JSON.parse(read('package.json'));
    expect(manifest.devDependencies['create-ddd-express']).toBe(`file:${project.tarball}`);
    expect(JSON.parse(read('node_modules/create-ddd-express/package.json')).name).toBe('create-ddd-express');

    expect(project.create.output).toContain('Initialised a git repository with an initial commit.');
    const gitLog = await runOk('git', ['log', '--format=%s'], { cwd: project.dir });
    expect(gitLog.stdout.trim().split('\n')).toEqual(['Initial commit from create-ddd-express']);
    const tracked = (await runOk('git', ['ls-files'], { cwd: project.dir })).stdout.split('\n');
    expect(tracked).toEqual(
      expect.arrayContaining(['.env.example', '.gitignore', 'package.json', 'package-lock.json']),
    );
    expect(tracked).not.toContain('.env');
    const status = await runOk('git', ['status', '--porcelain'], { cwd: project.dir });
    expect(status.stdout).toBe('');
  });

  it('is current for `npx ddd upgrade --check`, the step its CI workflow runs', async () => {
    const project = getProject();
    const check = await inProject(project, 'npx', ['--no-install', 'ddd', 'upgrade', '--check'], {
      env: { CREATE_DDD_EXPRESS_CLI_SPEC: `file:${project.tarball}` },
    });
    expect(check.output).toContain('Current with template');
    expect(check.code).toBe(0);
    expect(readFileSync(path.join(project.dir, '.github/workflows/ci.yml'), 'utf8')).toContain('npx ddd upgrade --check');
  });

  it('installed the tested lockfile with npm ci, without a warning, and npm would resolve nothing differently', async () => {
    const project = getProject();
    expect(project.create.output).toMatch(/^added \d+ packages/m);
    expect(project.create.output).not.toMatch(/\bwarn(ing)?\b/i);

    // The lockfile the CLI writes (rendered again here, one folder deeper, without installing) is the one npm ci
    // installed and git committed: npm ci neither rejected nor rewrote it. Only the tarball's relative path differs.
    const again = path.join(project.workDir, 'again');
    mkdirSync(again);
    await runOk(path.join(project.binDir, 'create-ddd-express'), ['my-api', '--yes', '--pm', 'npm', '--no-install', '--no-git'], {
      cwd: again,
      env: { CREATE_DDD_EXPRESS_CLI_SPEC: `file:${project.tarball}` },
    });
    const cliEntry = (lock: { packages: Record<string, { resolved?: string }> }) =>
      lock.packages['node_modules/create-ddd-express'] ?? {};
    const installed = JSON.parse(readFileSync(path.join(project.dir, 'package-lock.json'), 'utf8'));
    const rendered = JSON.parse(readFileSync(path.join(again, 'my-api', 'package-lock.json'), 'utf8'));
    const tarballFromProject = path.relative(project.dir, project.tarball);
    expect(cliEntry(installed).resolved).toBe(`file:${tarballFromProject}`);
    expect(cliEntry(rendered).resolved).toBe(`file:../${tarballFromProject}`);
    delete cliEntry(installed).resolved;
    delete cliEntry(rendered).resolved;
    expect(rendered).toEqual(installed);

    const install = await runOk('npm', ['install', '--no-audit', '--no-fund'], { cwd: project.dir, timeoutMs: 300_000 });
    expect(install.output).not.toMatch(/\bwarn(ing)?\b/i);
    expect((await runOk('git', ['status', '--porcelain'], { cwd: project.dir })).stdout).toBe('');
  });

  // The suites run once, after `ddd generate` (domain phase): those of a fresh project are a part of them, unchanged.
  for (const check of PROJECT_CHECKS.filter(({ name }) => !name.startsWith('test'))) {
    it(`passes ${check.name}`, async () => {
      await runProjectCheck(getProject(), check.name);
    });
  }

  it('runs the operator command from the build: npm run admin refuses bad input, and says what to do', async () => {
    const project = getProject();
    const env = { DATA_DIR: ':memory:', REDIS_URL: '' };
    const usage = await inProject(project, 'npm', ['run', '--silent', 'admin'], { env });
    expect([usage.code, usage.stderr]).toEqual([2, expect.stringContaining('usage: npm run admin -- grant <email>')]);
    const unknown = await inProject(project, 'npm', ['run', '--silent', 'admin', '--', 'grant', 'nobody@example.com'], {
      env,
    });
    expect([unknown.code, unknown.stdout]).toEqual([1, '']);
    expect(unknown.stderr).toContain('No account has the email nobody@example.com: register it first');
  });

  describe('the built server (node dist/main.js) over HTTP', () => {
    let server: ServerHandle | undefined;
    let api: ReturnType<typeof client>;
    const email = `e2e-${Date.now()}@example.com`;
    const password = 'correct horse battery staple';
    let accessToken = '';
    let refreshCookie = '';

    const serverOutput = () => serverOutputOf(server);
    const check = statusCheck(() => server);

    beforeAll(async () => {
      server = await startProjectServer(getProject(), {
        RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: `${LOGIN_FAILURES}/1m`,
        // A replay right after the rotation, as the test makes it, would otherwise fall in the retry grace period.
        REFRESH_REUSE_GRACE_SECONDS: '0',
      });
      api = client(server.baseUrl);
    }, 30_000);

    afterAll(() => server?.kill());

    it('becomes ready with Redis up and logs JSON lines', async () => {
      const ready = await waitForReady(server as ServerHandle, 30_000);
      expect(ready.body).toEqual({ status: 'ready', checks: { redis: 'up' } });
      const lines = (server as ServerHandle)
        .output()
        .split('\n')
        .filter((line) => line.trim() !== '');
      const listening = lines.map((line) => JSON.parse(line)).find((entry) => /listening/.test(entry.msg));
      expect(listening).toBeDefined();
    });

    it('registers, logs in with an HttpOnly SameSite=Strict refresh cookie, and answers /auth/me', async () => {
      const registered = check(
        await api('POST', '/api/v1/auth/register', { json: { email, password } }),
        201,
        'register',
      );
      expect(registered.body.user).toEqual(expect.objectContaining({ email }));
      expect(registered.body.user).not.toHaveProperty('passwordHash');

      const login = check(await api('POST', '/api/v1/auth/login', { json: { email, password } }), 200, 'login');
      expect(login.body).toEqual(expect.objectContaining({ tokenType: 'Bearer', accessToken: expect.any(String) }));
      const cookie = cookieNamed(login, REFRESH_COOKIE);
      expect(cookie.attributes).toHaveProperty('httponly');
      expect(cookie.attributes.samesite?.toLowerCase()).toBe('strict');
      expect(cookie.attributes.path).toBe('/api/v1/auth');
      accessToken = login.body.accessToken;
      refreshCookie = cookie.pair;

      const me = check(await api('GET', '/api/v1/auth/me', { token: accessToken }), 200, 'me');
      expect(me.body.user).toEqual(expect.objectContaining({ email, id: registered.body.user.id }));
      check(await api('GET', '/api/v1/auth/me'), 401, 'me without a token');
    });

    it('rotates the refresh cookie; replaying the old one ends the whole session, the new tokens included', async () => {
      const refreshed = check(await api('POST', '/api/v1/auth/refresh', { cookie: refreshCookie }), 200, 'refresh');
      expect(refreshed.body.accessToken).toEqual(expect.any(String));
      expect(refreshed.body.accessToken).not.toBe(accessToken);
      const rotated = cookieNamed(refreshed, REFRESH_COOKIE);
      expect(rotated.value).not.toBe('');
      expect(rotated.pair).not.toBe(refreshCookie);
      check(await api('GET', '/api/v1/auth/me', { token: refreshed.body.accessToken }), 200, 'me, refreshed token');

      const replay = check(
        await api('POST', '/api/v1/auth/refresh', { cookie: refreshCookie }),
        401,
        'replayed refresh',
      );
      expect(replay.body).toEqual(expect.objectContaining({ status: 401, code: expect.any(String) }));
      // Whoever replayed it may hold the newer pair: the session is over for both.
      check(await api('GET', '/api/v1/auth/me', { token: refreshed.body.accessToken }), 401, 'me after the replay');
      check(await api('POST', '/api/v1/auth/refresh', { cookie: rotated.pair }), 401, 'newest cookie after the replay');

      const login = check(await api('POST', '/api/v1/auth/login', { json: { email, password } }), 200, 'login again');
      accessToken = login.body.accessToken;
      refreshCookie = cookieNamed(login, REFRESH_COOKIE).pair;
    });

    it('logs out (204) and then refuses the access token it was given', async () => {
      check(await api('POST', '/api/v1/auth/logout', { token: accessToken, cookie: refreshCookie }), 204, 'logout');
      const me = check(await api('GET', '/api/v1/auth/me', { token: accessToken }), 401, 'me after logout');
      expect(me.body.code).toEqual(expect.any(String));
    });

    it('answers an unknown route with 404 as RFC 9457 problem details', async () => {
      const response = check(await api('GET', '/api/v1/no-such-route'), 404, 'unknown route');
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toEqual({
        type: 'https://www.rfc-editor.org/rfc/rfc9110#status.404',
        title: 'Not Found',
        status: 404,
        detail: expect.any(String),
        instance: '/api/v1/no-such-route',
        code: 'route_not_found',
        requestId: expect.any(String),
      });
      expect(response.body.requestId).not.toBe('');
    });

    it('limits failed login attempts: 429 with Retry-After and RateLimit-* headers', async () => {
      let limited: HttpResponse | undefined;
      const seen: string[] = [];
      for (let attempt = 0; attempt < 4 * LOGIN_FAILURES && !limited; attempt += 1) {
        const response = await api('POST', '/api/v1/auth/login', {
          json: { email, password: 'wrong password, surely' },
        });
        seen.push(describeResponse(response).slice(0, 80));
        if (response.status === 429) limited = response;
      }
      if (!limited) throw new Error(`never limited; responses:\n${seen.join('\n')}${serverOutput()}`);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited.headers.get('ratelimit-limit')).toBe(String(LOGIN_FAILURES));
      expect(seen.length).toBe(LOGIN_FAILURES + 1); // the earlier successful logins spent nothing
      expect(limited.headers.get('ratelimit-remaining')).toBe('0');
      expect(Number(limited.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(limited.body).toEqual(
        expect.objectContaining({ status: 429, code: expect.any(String), requestId: expect.any(String) }),
      );
    });

    it('exits 0 within a few seconds of SIGTERM', async () => {
      const running = server as ServerHandle;
      running.signal('SIGTERM');
      const { code, signal } = await running.waitForExit(5_000);
      if (code !== 0) throw new Error(`exit ${code ?? signal} after SIGTERM${serverOutput()}`);
    });
  });

  it('keeps accounts across a restart in development without MONGODB_URI: the same user and token still work', async () => {
    const project = getProject();
    const env = { DATA_DIR: '.data/e2e-restart' };
    const first = await startProjectServer(project, env);
    let token: string;
    try {
      await waitForReady(first, 30_000);
      expect(first.output()).toContain(`keeping data in ${path.join(project.dir, '.data', 'e2e-restart')}`);
      token = await signUp(client(first.baseUrl), `restart-${Date.now()}@example.com`);
      first.signal('SIGTERM');
      expect((await first.waitForExit(10_000)).code).toBe(0);
    } finally {
      first.kill();
    }
    const second = await startProjectServer(project, env);
    try {
      await waitForReady(second, 30_000);
      const me = await client(second.baseUrl)('GET', '/api/v1/auth/me', { token });
      expect([me.status, me.text]).toEqual([200, expect.stringContaining('restart-')]);
    } finally {
      second.kill();
    }
  });
}
