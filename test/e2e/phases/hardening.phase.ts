/**
 * Phase "hardening": the built server (`node dist/main.js`) behaves at process level as the generated README
 * promises, proven with real processes, a real Redis of this phase's own (started, killed and restarted here),
 * and real HTTP:
 * - two instances on one Redis share rate-limit budgets, access-token revocations and refresh-token families;
 * - Redis dying under load costs no 5xx (per-process limits take over), readiness stays 200 and reports it, and
 *   all recovers without a restart once Redis is back on the same port;
 * - in production, an unreachable or missing MongoDB stops the process at start with a clear message;
 * - SIGTERM under load drains in-flight requests, refuses new connections and exits 0 within seconds although
 *   keep-alive connections were promised 65 s; a second signal, or the shutdown timeout, exits 1 at once; responses
 *   announce the configured keep-alive timeout;
 * - forged access tokens (alg none, wrong typ, wrong secret, …) are refused over HTTP.
 * Nothing is written inside the project (the next phase needs a clean `git status`): Redis runs in `workDir`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import path from 'node:path';
import {
  client,
  cookieNamed,
  describeResponse,
  expectStatus,
  freePort,
  http,
  type HttpResponse,
  log,
  type OwnRedis,
  redisCommand,
  run,
  type RunningProcess,
  type ServerHandle,
  sleep,
  startProcess,
  startOwnRedis,
  startServer,
  tail,
  waitForReady,
  waitUntil,
} from '../helpers';
import { type GeneratedProject, REFRESH_COOKIE } from '../project';

const PASSWORD = 'correct horse battery staple';
const ME = '/api/v1/auth/me';

// ---------------------------------------------------------------------------------------------------------------
// Requests whose failure is an outcome to count, not an exception.

interface Outcome {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly status?: number;
  /** The network error's code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…) when there was no response. */
  readonly error?: string;
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const own = error as { code?: string; name?: string; message?: string };
  return cause?.code ?? own.code ?? cause?.message ?? own.name ?? String(error);
}

/** A keep-alive request (fetch, as clients and load balancers do) recorded as an Outcome. */
async function attempt(
  baseUrl: string,
  method: string,
  route: string,
  options: Parameters<typeof http>[3] = {},
): Promise<Outcome> {
  const startedAt = Date.now();
  try {
    const response = await http(baseUrl, method, route, { timeoutMs: 10_000, ...options });
    return { startedAt, endedAt: Date.now(), status: response.status };
  } catch (error) {
    return { startedAt, endedAt: Date.now(), error: errorCode(error) };
  }
}

/** GET over a connection of its own (no keep-alive pool): what a fresh client or a probe sees. */
function freshGet(port: number, route: string, timeoutMs = 2_000): Promise<Outcome & { body?: string }> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: route, method: 'GET', agent: false, timeout: timeoutMs },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ startedAt, endedAt: Date.now(), status: res.statusCode ?? 0, body }));
        res.on('error', (error) => resolve({ startedAt, endedAt: Date.now(), error: errorCode(error) }));
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    req.on('error', (error) => resolve({ startedAt, endedAt: Date.now(), error: errorCode(error) }));
    req.end();
  });
}

/** Resolves with the error code of a bare TCP connect to the port, or 'connected'. */
function tcpConnect(port: number, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('TIMEOUT');
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code ?? error.message);
    });
  });
}

interface SplitRequest {
  /** Sends the rest of the body. */
  finish(): void;
  /** Settles once the server has closed the connection (or after 10 s). */
  readonly result: Promise<{
    status?: number;
    connection?: string;
    answeredAt?: number;
    closedAt?: number;
    error?: string;
  }>;
  destroy(): void;
}

/**
 * A keep-alive POST over a socket of its own whose JSON body is sent in two parts: between them the request is
 * certainly in flight on the server (its handler waits for the body).
 */
async function startSplitRequest(port: number, route: string, json: unknown): Promise<SplitRequest> {
  const body = Buffer.from(JSON.stringify(json));
  const socket = connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let received = '';
  const state: { status?: number; connection?: string; answeredAt?: number; closedAt?: number; error?: string } = {};
  const result = new Promise<typeof state>((resolve) => {
    const timer = setTimeout(() => resolve(state), 10_000);
    const closed = () => {
      state.closedAt ??= Date.now();
      clearTimeout(timer);
      resolve(state);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const headEnd = received.indexOf('\r\n\r\n');
      if (state.answeredAt === undefined && headEnd !== -1) {
        state.answeredAt = Date.now();
        const [statusLine = '', ...headers] = received.slice(0, headEnd).split('\r\n');
        state.status = Number(statusLine.split(' ')[1]);
        state.connection = headers.find((line) => /^connection:/i.test(line))?.replace(/^connection:\s*/i, '');
      }
    });
    socket.once('end', closed);
    socket.once('close', closed);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      state.error ??= error.code ?? error.message;
      closed();
    });
  });
  socket.write(
    `POST ${route} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n` +
      `Accept: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
  );
  socket.write(body.subarray(0, 5));
  return { finish: () => socket.write(body.subarray(5)), result, destroy: () => socket.destroy() };
}

/** How many outcomes of each kind ("200", "429", "ECONNRESET"…), for assertion messages. */
function tally(outcomes: readonly { readonly status?: number; readonly error?: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) {
    const kind = outcome.error ?? String(outcome.status);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------------------
// Access tokens crafted by hand (node:crypto only), to prove what the server refuses.

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function craftToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | undefined,
): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  if (secret === undefined) return `${signingInput}.`;
  const algorithm = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)] ?? 'sha256';
  return `${signingInput}.${createHmac(algorithm, Buffer.from(secret, 'utf8')).update(signingInput).digest('base64url')}`;
}

function envValue(envText: string, name: string): string {
  const match = new RegExp(`^${name}=(.*)$`, 'm').exec(envText);
  if (!match) throw new Error(`${name} is missing from the project's .env`);
  return (match[1] ?? '').trim();
}

// ---------------------------------------------------------------------------------------------------------------

export function hardeningPhase(getProject: () => GeneratedProject): void {
  const started: RunningProcess[] = [];
  let phaseStart = Date.now();

  beforeAll(() => {
    phaseStart = Date.now();
  });

  /** The built server with this phase's settings; remembered so afterAll kills it whatever happens. */
  async function startApp(redisUrl: string, env: Record<string, string | undefined> = {}): Promise<ServerHandle> {
    const server = await startServer(getProject().dir, { REDIS_URL: redisUrl, ...env });
    started.push(server);
    return server;
  }

  async function ownRedis(port?: number): Promise<OwnRedis> {
    const redis = await startOwnRedis(getProject().workDir, port);
    started.push(redis.process);
    return redis;
  }

  const failWith = (servers: readonly ServerHandle[]) => (message: string) =>
    new Error(
      `${message}${servers.map((server) => `\n--- output of ${server.baseUrl}:\n${tail(server.output(), 40)}`).join('')}`,
    );

  afterAll(async () => {
    for (const child of started) child.kill();
    await Promise.all(started.map((child) => child.waitForExit(5_000).catch(() => undefined)));
    log(`hardening phase took ${((Date.now() - phaseStart) / 1000).toFixed(1)}s`);
  }, 30_000);

  // -------------------------------------------------------------------------------------------------------------
  describe('two instances sharing one Redis', () => {
    const POINTS = 20;
    let redis: OwnRedis;
    let a: ServerHandle;
    let b: ServerHandle;
    let fail: (message: string) => Error;
    const check = (response: HttpResponse, status: number, what: string) => {
      if (response.status !== status) throw fail(`${what}: expected ${status}, got ${describeResponse(response)}`);
      return response;
    };
    /** Registers and logs in on instance A; returns the login response. */
    const signInOnA = async (email: string): Promise<HttpResponse> => {
      const apiA = client(a.baseUrl);
      check(await apiA('POST', '/api/v1/auth/register', { json: { email, password: PASSWORD } }), 201, 'register on A');
      return check(
        await apiA('POST', '/api/v1/auth/login', { json: { email, password: PASSWORD } }),
        200,
        'login on A',
      );
    };

    beforeAll(async () => {
      redis = await ownRedis();
      // No retry grace period: the replay on B comes right after the rotation on A.
      const env = {
        RATE_LIMIT_POINTS: String(POINTS),
        RATE_LIMIT_REGISTRATIONS_PER_IP: `${POINTS}/1h`,
        REFRESH_REUSE_GRACE_SECONDS: '0',
      };
      [a, b] = await Promise.all([startApp(redis.url, env), startApp(redis.url, env)]);
      fail = failWith([a, b]);
      await Promise.all([waitForReady(a), waitForReady(b)]);
    }, 60_000);

    beforeEach(async () => {
      await redisCommand(redis.url, ['FLUSHALL']); // every test starts with full budgets
    });

    it(`spend one rate-limit budget: request ${POINTS + 1}, alternating A and B, is 429 on either`, async () => {
      const seen: string[] = [];
      for (let index = 0; index < POINTS; index += 1) {
        const server = index % 2 === 0 ? a : b;
        const response = await http(server.baseUrl, 'GET', '/api/v1/no-such-route');
        seen.push(
          `${index % 2 === 0 ? 'A' : 'B'} ${response.status} remaining=${response.headers.get('ratelimit-remaining')}`,
        );
        if (response.status !== 404)
          throw fail(`request ${index + 1} of ${POINTS}: ${describeResponse(response)}\n${seen.join('\n')}`);
        expect(response.headers.get('ratelimit-remaining')).toBe(String(POINTS - index - 1));
      }
      for (const [name, server] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const limited = await http(server.baseUrl, 'GET', '/api/v1/no-such-route');
        if (limited.status !== 429)
          throw fail(`request past the budget on ${name}: ${describeResponse(limited)}\n${seen.join('\n')}`);
        expect(limited.headers.get('ratelimit-limit')).toBe(String(POINTS));
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      }
    });

    it('logout on A: the access token B accepted a moment ago is refused by B at once', async () => {
      const apiA = client(a.baseUrl);
      const apiB = client(b.baseUrl);
      const login = await signInOnA(`two-${Date.now()}@example.com`);
      const token = login.body.accessToken as string;
      const cookie = cookieNamed(login, REFRESH_COOKIE).pair;

      check(await apiA('GET', ME, { token }), 200, 'me on A');
      // B accepts the token (same secret): authenticated, though not an administrator. (Its users are its own,
      // in memory, so /me there would depend on the shared cache.)
      const before = check(await apiB('GET', '/api/v1/users', { token }), 403, 'an administration route on B');
      expect(before.body.code).toBe('admin_only');

      check(await apiA('POST', '/api/v1/auth/logout', { token, cookie }), 204, 'logout on A');
      const after = check(await apiB('GET', ME, { token }), 401, 'me on B after logout on A');
      expect(after.body.code).toBe('token_revoked');
      expect((await apiA('GET', ME, { token })).body.code).toBe('token_revoked');
    });

    it('refresh on A, the old cookie replayed on B is 401, and then the newest one is 401 too (family revoked)', async () => {
      const apiA = client(a.baseUrl);
      const apiB = client(b.baseUrl);
      const login = await signInOnA(`family-${Date.now()}@example.com`);
      const first = cookieNamed(login, REFRESH_COOKIE).pair;

      const refreshed = check(await apiA('POST', '/api/v1/auth/refresh', { cookie: first }), 200, 'refresh on A');
      const newest = cookieNamed(refreshed, REFRESH_COOKIE).pair;
      expect(newest).not.toBe(first);

      check(await apiB('POST', '/api/v1/auth/refresh', { cookie: first }), 401, 'the rotated cookie replayed on B');
      check(
        await apiA('POST', '/api/v1/auth/refresh', { cookie: newest }),
        401,
        'the newest cookie on A after the replay',
      );
      check(
        await apiB('POST', '/api/v1/auth/refresh', { cookie: newest }),
        401,
        'the newest cookie on B after the replay',
      );
    });

    afterAll(() => {
      a?.kill();
      b?.kill();
      redis?.process.kill();
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('Redis killed under load, then restarted on the same port', () => {
    const LOOPS = 20;
    const LOAD_MS = 6_000;
    const KILL_AFTER_MS = 2_000;
    const FALLBACK_POINTS = 5;
    const DEGRADED = { status: 'degraded', checks: { redis: 'down' } };
    let redis: OwnRedis;
    let server: ServerHandle;
    let noRedis: ServerHandle;
    let fail: (message: string) => Error;
    let token = '';

    beforeAll(async () => {
      redis = await ownRedis();
      const deadPort = await freePort();
      [server, noRedis] = await Promise.all([
        startApp(redis.url, { RATE_LIMIT_POINTS: '1000000' }),
        // Nothing listens there: it waits for Redis a few seconds, then serves with per-process limits.
        startApp(`redis://127.0.0.1:${deadPort}`, { RATE_LIMIT_POINTS: String(FALLBACK_POINTS) }),
      ]);
      fail = failWith([server, noRedis]);
      await waitForReady(server);
      const api = client(server.baseUrl);
      const email = `outage-${Date.now()}@example.com`;
      expectStatus(
        await api('POST', '/api/v1/auth/register', { json: { email, password: PASSWORD } }),
        201,
        'register',
      );
      token = expectStatus(
        await api('POST', '/api/v1/auth/login', { json: { email, password: PASSWORD } }),
        200,
        'login',
      ).body.accessToken;
    }, 60_000);

    afterAll(() => {
      server?.kill();
      noRedis?.kill();
      redis?.process.kill();
    });

    it(`answers ${LOOPS} concurrent clients without a 5xx while Redis is SIGKILLed; readiness stays 200 and says redis: down`, async () => {
      const outcomes: Outcome[] = [];
      const loadStart = Date.now();
      const deadline = loadStart + LOAD_MS;
      const loops = Array.from({ length: LOOPS }, async () => {
        for (let count = 0; count < 5_000 && Date.now() < deadline; count += 1) {
          outcomes.push(await attempt(server.baseUrl, 'GET', ME, { token }));
        }
      });

      await sleep(KILL_AFTER_MS);
      const killedAt = Date.now();
      redis.process.signal('SIGKILL');
      // Readiness, probed as a balancer does while the load goes on: it must never take this instance out.
      const probes: { readonly at: number; readonly status?: number; readonly body?: unknown; readonly error?: string }[] = [];
      const probing = (async () => {
        while (Date.now() < deadline) {
          try {
            const response = await http(server.baseUrl, 'GET', '/health/ready', { timeoutMs: 3_000 });
            probes.push({ at: Date.now(), status: response.status, body: response.body });
          } catch (error) {
            probes.push({ at: Date.now(), error: errorCode(error) });
          }
          await sleep(100);
        }
      })();
      await redis.process.waitForExit(5_000);
      log(`redis-server on port ${redis.port} SIGKILLed under load`);

      await Promise.all([...loops, probing]);
      const counts = tally(outcomes);
      const duringOutage = outcomes.filter((outcome) => outcome.startedAt > killedAt + 100);
      const slowest = Math.max(...outcomes.map((outcome) => outcome.endedAt - outcome.startedAt));
      const reportedDown = probes.find((probe) => JSON.stringify(probe.body) === JSON.stringify(DEGRADED));
      log(
        `Redis outage under load: ${JSON.stringify(counts)} (${duringOutage.length} started during the outage, slowest ${slowest} ms); ` +
          `readiness ${JSON.stringify(tally(probes))} over ${probes.length} probes, redis: down after ` +
          `${reportedDown === undefined ? '-' : reportedDown.at - killedAt} ms`,
      );
      const bad = outcomes.filter((outcome) => outcome.error !== undefined || (outcome.status ?? 0) >= 500);
      if (bad.length > 0) throw fail(`${bad.length} of ${outcomes.length} requests failed: ${JSON.stringify(counts)}`);
      if (probes.some((probe) => probe.status !== 200))
        throw fail(`readiness left 200 during the outage: ${JSON.stringify(probes)}`);
      if (reportedDown === undefined || reportedDown.at - killedAt > 3_000)
        throw fail(`readiness did not say redis: down within 3 s of the kill: ${JSON.stringify(probes)}`);
      expect(duringOutage.length).toBeGreaterThan(LOOPS);
      expect(tally(duringOutage)).toEqual({ '200': duringOutage.length });
      expect(server.exited()).toBe(false);
    });

    it(`still limits per process without Redis: request ${FALLBACK_POINTS + 1} to an instance whose Redis never came up is 429`, async () => {
      await waitUntil(
        async () => (await http(noRedis.baseUrl, 'GET', '/health/live', { timeoutMs: 1_000 })).status === 200,
        {
          timeoutMs: 15_000,
          intervalMs: 100,
          what: () => `${noRedis.baseUrl}/health/live; output:\n${tail(noRedis.output(), 40)}`,
        },
      );
      const ready = await http(noRedis.baseUrl, 'GET', '/health/ready');
      expect({ status: ready.status, body: ready.body }).toEqual({ status: 200, body: DEGRADED });
      const statuses: number[] = [];
      for (let index = 0; index <= FALLBACK_POINTS; index += 1) {
        statuses.push((await http(noRedis.baseUrl, 'GET', '/api/v1/no-such-route')).status);
      }
      if (statuses.join() !== [...Array(FALLBACK_POINTS).fill(404), 429].join())
        throw fail(`statuses: ${statuses.join(', ')}`);
    });

    it('is ready again within 10 s once redis-server is back on the same port, without a restart', async () => {
      const restartedAt = Date.now();
      redis = await ownRedis(redis.port);
      let last: HttpResponse | undefined;
      await waitUntil(
        async () => {
          last = await http(server.baseUrl, 'GET', '/health/ready', { timeoutMs: 2_000 });
          return last.body?.status === 'ready';
        },
        {
          timeoutMs: 10_000,
          intervalMs: 100,
          what: () => `readiness to say ready again (last: ${last && describeResponse(last)})`,
        },
      ).catch((error: Error) => {
        throw fail(error.message);
      });
      log(`ready again ${Date.now() - restartedAt} ms after redis-server restarted`);
      expect(last?.body).toEqual({ status: 'ready', checks: { redis: 'up' } });
      const me = await http(server.baseUrl, 'GET', ME, { token });
      if (me.status !== 200) throw fail(`me after recovery: ${describeResponse(me)}`);
      // The limiter spends from Redis again (the restarted server started empty).
      expect(await redisCommand(redis.url, ['EXISTS', 'rate-limit:global:127.0.0.1'])).toBe(':1');
      expect(server.exited()).toBe(false);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('production start without a usable MongoDB', () => {
    it('exits non-zero within 15 s, logging why, when MONGODB_URI points at nothing; and exits 1 when it is unset', async () => {
      const project = getProject();
      const [deadMongoPort, port, deadRedisPort] = await Promise.all([freePort(), freePort(), freePort()]);
      // A Redis URL nobody answers: the process must stop on MongoDB before it gets that far.
      const base = {
        NODE_ENV: 'production',
        LOG_FORMAT: 'json',
        HOST: '127.0.0.1',
        PORT: String(port),
        REDIS_URL: `redis://127.0.0.1:${deadRedisPort}`,
      };
      const [unreachable, unset, bothUnset] = await Promise.all([
        run(process.execPath, ['dist/main.js'], {
          cwd: project.dir,
          env: { ...base, MONGODB_URI: `mongodb://127.0.0.1:${deadMongoPort}/x` },
          timeoutMs: 30_000,
        }),
        run(process.execPath, ['dist/main.js'], {
          cwd: project.dir,
          env: { ...base, MONGODB_URI: undefined },
          timeoutMs: 30_000,
        }),
        run(process.execPath, ['dist/main.js'], {
          cwd: project.dir,
          env: { ...base, MONGODB_URI: undefined, REDIS_URL: undefined },
          timeoutMs: 30_000,
        }),
      ]);

      const show = (result: typeof unreachable) =>
        `exit ${result.signal ?? result.code} after ${result.ms} ms:\n${tail(result.output, 40)}`;
      if (unreachable.code === 0 || unreachable.code === null)
        throw new Error(`unreachable MongoDB: ${show(unreachable)}`);
      expect(unreachable.ms).toBeLessThan(15_000);
      const fatal = unreachable.stdout
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string })
        .find((entry) => entry.level >= 50);
      if (!fatal) throw new Error(`no error log line: ${show(unreachable)}`);
      expect(fatal.msg).toMatch(/MongoDB/);
      expect(fatal.msg).toMatch(/MONGODB_URI/);
      expect(unreachable.output).not.toMatch(/listening on/);

      if (unset.code !== 1) throw new Error(`MONGODB_URI unset: ${show(unset)}`);
      expect(unset.output).toContain('MONGODB_URI: is required when NODE_ENV=production');
      expect(unset.output).not.toContain('REDIS_URL: is required');
      expect(unset.output).not.toMatch(/\n\s+at .+:\d+:\d+\)?/); // a message, not a stack trace

      if (bothUnset.code !== 1) throw new Error(`MONGODB_URI and REDIS_URL unset: ${show(bothUnset)}`);
      expect(bothUnset.output).toContain('MONGODB_URI: is required when NODE_ENV=production');
      expect(bothUnset.output).toContain('REDIS_URL: is required when NODE_ENV=production');
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('SIGTERM', () => {
    const SHUTDOWN_TIMEOUT_MS = 15_000;
    // The longest an idle connection may outlive the delay, whatever keep-alive timeout it was told (65 s by
    // default): the drain's second of grace, and the second Node adds to the keep-alive timeout of a connection
    // whose answer was in flight.
    const IDLE_CLOSE_MS = 2_000;
    const LOOPS = 10;
    let redis: OwnRedis;

    beforeAll(async () => {
      redis = await ownRedis();
    }, 30_000);

    afterAll(() => redis?.process.kill());

    it.each([0, 1_000])(`under load from ${LOOPS} keep-alive clients, SHUTDOWN_DELAY_MS=%i: readiness 503 at once, no request fails, new connections refused, exit 0`, async (delayMs) => {
      const server = await startApp(redis.url, {
        SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
        SHUTDOWN_DELAY_MS: String(delayMs),
        RATE_LIMIT_POINTS: '1000000',
        // Logins stay slow enough (scrypt) to be in flight when the signal lands, without hogging two cores.
        PASSWORD_HASH_COST: '16384',
      });
      const fail = failWith([server]);
      const ready = await waitForReady(server);
      // The default keep-alive timeout, far longer than the drain may take.
      expect(ready.headers.get('keep-alive')).toBe('timeout=65');
      const api = client(server.baseUrl);
      const email = `drain-${Date.now()}@example.com`;
      expectStatus(
        await api('POST', '/api/v1/auth/register', { json: { email, password: PASSWORD } }),
        201,
        'register',
      );
      const token = expectStatus(
        await api('POST', '/api/v1/auth/login', { json: { email, password: PASSWORD } }),
        200,
        'login',
      ).body.accessToken as string;

      // Keep-alive clients (fetch), half of them on the slow login route.
      const outcomes: Outcome[] = [];
      let stop = false;
      const hardStop = Date.now() + 20_000;
      const loops = Array.from({ length: LOOPS }, async (_, loop) => {
        for (let count = 0; count < 5_000 && !stop && Date.now() < hardStop; count += 1) {
          const outcome =
            loop % 2 === 0
              ? await attempt(server.baseUrl, 'GET', ME, { token })
              : await attempt(server.baseUrl, 'POST', '/api/v1/auth/login', { json: { email, password: PASSWORD } });
          outcomes.push(outcome);
          if (outcome.error !== undefined) return; // the server is gone for this client
        }
      });
      // One more keep-alive request that is certainly in flight at the signal: its body is still arriving.
      const slow = await startSplitRequest(server.port, '/api/v1/auth/login', { email, password: PASSWORD });
      await sleep(1_500);

      const exit = server.waitForExit(SHUTDOWN_TIMEOUT_MS + 3_000).catch((error: Error) => error);
      const signalledAt = Date.now();
      server.signal('SIGTERM');
      void sleep(50).then(() => slow.finish());

      const problems: string[] = [];
      // Readiness, asked over fresh connections, stops answering 200 at once (503, or the listener is closed).
      let readiness: Outcome & { body?: string } = { startedAt: 0, endedAt: 0 };
      for (let probe = 0; probe < 100; probe += 1) {
        readiness = await freshGet(server.port, '/health/ready', 1_000);
        if (readiness.status !== 200) break;
        await sleep(10);
      }
      const readinessAfterMs = readiness.endedAt - signalledAt;
      if (readiness.status === 200 || readinessAfterMs > 1_000) {
        problems.push(`readiness still ${readiness.status} ${readinessAfterMs} ms after SIGTERM`);
      } else if (
        readiness.status !== undefined &&
        (readiness.status !== 503 || !/"shutting_down"/.test(readiness.body ?? ''))
      ) {
        problems.push(`readiness during the drain: ${readiness.status} ${readiness.body}`);
      }
      // A new connection is refused once the listener is closed (bounded wait: the drain is short).
      let connection = 'connected';
      for (let probe = 0; probe < 300 && connection === 'connected'; probe += 1) {
        connection = await tcpConnect(server.port);
        if (connection === 'connected') await sleep(10);
      }
      const refusedAfterMs = Date.now() - signalledAt;
      if (connection !== 'ECONNREFUSED')
        problems.push(`a new connection ${refusedAfterMs} ms after SIGTERM: ${connection}`);
      else if (refusedAfterMs < delayMs)
        problems.push(`new connections refused ${refusedAfterMs} ms after SIGTERM, within the delay`);

      const slowResult = await slow.result;
      const ended = await exit;
      const exitedAfterMs = Date.now() - signalledAt;
      stop = true;
      await Promise.all(loops);
      slow.destroy();
      if (ended instanceof Error) throw fail(ended.message);

      const before = outcomes.filter((outcome) => outcome.startedAt < signalledAt);
      const inFlight = before.filter((outcome) => outcome.endedAt >= signalledAt);
      const after = outcomes.filter((outcome) => outcome.startedAt >= signalledAt);
      const slowClosedAfterMs =
        slowResult.closedAt === undefined || slowResult.answeredAt === undefined
          ? undefined
          : slowResult.closedAt - slowResult.answeredAt;
      log(
        `SIGTERM under load: readiness not 200 after ${readinessAfterMs} ms (${readiness.status ?? readiness.error}), ` +
          `connections refused after ${refusedAfterMs} ms, exit ${ended.code ?? ended.signal} after ${exitedAfterMs} ms; ` +
          `before the signal ${JSON.stringify(tally(before))} (${inFlight.length} in flight: ${JSON.stringify(tally(inFlight))}), ` +
          `after ${JSON.stringify(tally(after))}; the request in flight with its body: ${slowResult.status ?? slowResult.error} ` +
          `(Connection: ${slowResult.connection ?? '-'}), its connection closed by the server ${slowClosedAfterMs ?? '-'} ms after the answer`,
      );

      if (ended.code !== 0)
        problems.push(`exit ${ended.code ?? ended.signal} ${exitedAfterMs} ms after SIGTERM (expected 0)`);
      else if (exitedAfterMs > delayMs + IDLE_CLOSE_MS + 1_500)
        problems.push(`exit 0 only ${exitedAfterMs} ms after SIGTERM (delay ${delayMs} + idle close ${IDLE_CLOSE_MS} ms)`);
      if (inFlight.length === 0) problems.push('no request was in flight at the signal (the test proves nothing)');
      // A refused new connection is what a client must get once the server stops accepting (its load balancer has
      // moved on); anything else without an answer (a reset, a socket closed under a request) is a failure.
      const broken = outcomes.filter(
        (outcome) => (outcome.error !== undefined && outcome.error !== 'ECONNREFUSED') || (outcome.status ?? 0) >= 500,
      );
      if (broken.length > 0) {
        const detail = broken.map(
          (outcome) => `${outcome.error ?? outcome.status} (started ${outcome.startedAt - signalledAt} ms after SIGTERM)`,
        );
        problems.push(`${broken.length} requests failed: ${detail.join(', ')}`);
      }
      const answeredInDelay = after.filter(
        (outcome) => outcome.status === 200 && outcome.startedAt < signalledAt + delayMs,
      );
      if (delayMs > 0 && answeredInDelay.length === 0) problems.push('no request was answered 200 during the delay');
      log(
        `SIGTERM, SHUTDOWN_DELAY_MS=${delayMs}: ${outcomes.filter((outcome) => outcome.status !== undefined).length} ` +
          `requests answered, ${broken.length} failed, ` +
          `${outcomes.filter((outcome) => outcome.error === 'ECONNREFUSED').length} refused a new connection ` +
          `(${answeredInDelay.length} answered 200 during the delay)`,
      );
      if (slowResult.status !== 200)
        problems.push(`the request in flight with its body: ${slowResult.status ?? slowResult.error}`);
      // Answered without Connection: close (it began before the drain), its keep-alive connection ends like any
      // idle one once the delay is over, whatever the keep-alive timeout it was told.
      else if (slowClosedAfterMs === undefined || slowClosedAfterMs > delayMs + IDLE_CLOSE_MS + 1_000) {
        problems.push(
          `the keep-alive connection of a request in flight at SIGTERM was answered with Connection: ${slowResult.connection} ` +
            `and left open ${slowClosedAfterMs === undefined ? 'until the end' : `${slowClosedAfterMs} ms`} after the answer`,
        );
      }
      if (problems.length > 0) throw fail(`graceful shutdown under load:\n- ${problems.join('\n- ')}`);
    });

    it('exits within 2 s (code 1, forced) on a second SIGTERM while a request is still open; announces a configured keep-alive', async () => {
      const server = await startApp(redis.url, { SHUTDOWN_TIMEOUT_MS: '30000', HTTP_KEEP_ALIVE_TIMEOUT_MS: '70000' });
      expect((await waitForReady(server)).headers.get('keep-alive')).toBe('timeout=70');
      // A request whose headers never finish keeps the drain waiting.
      const stalled = connect({ host: '127.0.0.1', port: server.port });
      await new Promise<void>((resolve, reject) => stalled.once('connect', resolve).once('error', reject));
      stalled.on('error', () => undefined);
      stalled.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await sleep(100);
      const signalledAt = Date.now();
      server.signal('SIGTERM');
      await sleep(50);
      server.signal('SIGTERM');
      const ended = await server.waitForExit(2_000).catch((error: Error) => error);
      stalled.destroy();
      if (ended instanceof Error) throw failWith([server])(ended.message);
      log(`double SIGTERM: exit ${ended.code ?? ended.signal} after ${Date.now() - signalledAt} ms`);
      expect(ended.code).toBe(1);
      expect(server.output()).toMatch(/second shutdown request/);
    });

    it('exits 1 once SHUTDOWN_TIMEOUT_MS has passed when a request never finishes', async () => {
      const timeoutMs = 1_500;
      const server = await startApp(redis.url, { SHUTDOWN_TIMEOUT_MS: String(timeoutMs), REQUEST_DEADLINE_MS: '1000' });
      await waitForReady(server);
      const stalled = connect({ host: '127.0.0.1', port: server.port });
      await new Promise<void>((resolve, reject) => stalled.once('connect', resolve).once('error', reject));
      stalled.on('error', () => undefined);
      stalled.write('GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      await sleep(100);
      const signalledAt = Date.now();
      server.signal('SIGTERM');
      const ended = await server.waitForExit(timeoutMs + 2_000).catch((error: Error) => error);
      const exitedAfterMs = Date.now() - signalledAt;
      stalled.destroy();
      if (ended instanceof Error) throw failWith([server])(ended.message);
      log(`SIGTERM with a stalled request: exit ${ended.code ?? ended.signal} after ${exitedAfterMs} ms`);
      expect(ended.code).toBe(1);
      expect(exitedAfterMs).toBeGreaterThanOrEqual(timeoutMs - 100);
      expect(server.output()).toMatch(/shutdown timed out/);
    });
  });

  // -------------------------------------------------------------------------------------------------------------
  describe('forged access tokens over HTTP', () => {
    let redis: OwnRedis;
    let server: ServerHandle;
    let userId = '';
    let refreshToken = '';
    let env = '';

    beforeAll(async () => {
      env = readFileSync(path.join(getProject().dir, '.env'), 'utf8');
      redis = await ownRedis();
      server = await startApp(redis.url);
      await waitForReady(server);
      const api = client(server.baseUrl);
      const email = `forge-${Date.now()}@example.com`;
      const registered = expectStatus(
        await api('POST', '/api/v1/auth/register', { json: { email, password: PASSWORD } }),
        201,
        'register',
      );
      userId = registered.body.user.id;
      const login = expectStatus(
        await api('POST', '/api/v1/auth/login', { json: { email, password: PASSWORD } }),
        200,
        'login',
      );
      refreshToken = cookieNamed(login, REFRESH_COOKIE).value;
    }, 60_000);

    afterAll(() => {
      server?.kill();
      redis?.process.kill();
    });

    const claims = () => {
      const now = Math.floor(Date.now() / 1000);
      return {
        sub: userId,
        jti: randomUUID(),
        sid: randomUUID(),
        iat: now,
        exp: now + 300,
        iss: envValue(env, 'JWT_ISSUER'),
        aud: envValue(env, 'JWT_AUDIENCE'),
        roles: ['user'],
        client_id: envValue(env, 'JWT_CLIENT_ID'),
      };
    };

    it('accepts a token crafted exactly as the server issues them (so the refusals below are about one thing each)', async () => {
      const token = craftToken({ alg: 'HS256', typ: 'at+jwt' }, claims(), envValue(env, 'JWT_ACCESS_SECRET'));
      const me = await http(server.baseUrl, 'GET', ME, { token });
      if (me.status !== 200) throw failWith([server])(`crafted token: ${describeResponse(me)}`);
      expect(me.body.user.id).toBe(userId);
    });

    const forgeries: readonly (readonly [string, () => string])[] = [
      ['with alg none and no signature', () => craftToken({ alg: 'none', typ: 'at+jwt' }, claims(), undefined)],
      [
        'signed with the right secret but typ JWT',
        () => craftToken({ alg: 'HS256', typ: 'JWT' }, claims(), envValue(env, 'JWT_ACCESS_SECRET')),
      ],
      [
        'signed with the right secret but no typ',
        () => craftToken({ alg: 'HS256' }, claims(), envValue(env, 'JWT_ACCESS_SECRET')),
      ],
      [
        'signed with the right secret but typ refresh+jwt',
        () => craftToken({ alg: 'HS256', typ: 'refresh+jwt' }, claims(), envValue(env, 'JWT_ACCESS_SECRET')),
      ],
      [
        'signed with the right secret but HS512',
        () => craftToken({ alg: 'HS512', typ: 'at+jwt' }, claims(), envValue(env, 'JWT_ACCESS_SECRET')),
      ],
      [
        'signed with the refresh secret',
        () => craftToken({ alg: 'HS256', typ: 'at+jwt' }, claims(), envValue(env, 'JWT_REFRESH_SECRET')),
      ],
      [
        'for another audience',
        () =>
          craftToken(
            { alg: 'HS256', typ: 'at+jwt' },
            { ...claims(), aud: 'someone-else' },
            envValue(env, 'JWT_ACCESS_SECRET'),
          ),
      ],
      [
        'that expired a minute ago',
        () =>
          craftToken(
            { alg: 'HS256', typ: 'at+jwt' },
            { ...claims(), exp: Math.floor(Date.now() / 1000) - 60 },
            envValue(env, 'JWT_ACCESS_SECRET'),
          ),
      ],
      ['that is the refresh token', () => refreshToken],
    ];

    it.each(forgeries)('refuses as an access token %s: 401 invalid_token', async (_what, forge) => {
      const response = await http(server.baseUrl, 'GET', ME, { token: forge() });
      if (response.status !== 401) throw failWith([server])(`expected 401, got ${describeResponse(response)}`);
      expect(response.body.code).toBe('invalid_token');
    });
  });
}
