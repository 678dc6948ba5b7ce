/**
 * Phase "cache" (inside the domain phase, while the orders context exists): two built servers on one MongoDB and
 * one Redis of this phase's own read orders through the cache, and never serve a stale or someone else's order:
 * - 1,000 writes on one instance, each read back at once on the other, with Redis SIGKILLed after a SAVE in the
 *   middle and restarted later from that dump (so it comes back holding entries that writes made meanwhile have
 *   outdated): zero stale reads, zero 5xx;
 * - another user gets 404 for an order, whichever instance cached it and in whichever order they ask;
 * - a single order carries a strong ETag, and If-None-Match answers 304 until it changes.
 */
import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import {
  client,
  describeResponse,
  type HttpResponse,
  log,
  outputsOf,
  type OwnRedis,
  redisCommand,
  type ServerHandle,
  signUp,
  startOwnRedis,
  startTwoServers,
  waitUntil,
} from '../helpers';
import type { GeneratedProject } from '../project';

const ROUNDS = 1_000;
const KILL_AT = 300;
const RESTART_AT = 600;

interface Tally {
  readonly stale: string[];
  readonly statuses: Record<string, number>;
}

/**
 * A conditional GET as a browser revalidates. Not fetch: a request with If-None-Match gets `Cache-Control: no-cache`
 * from fetch itself (the Fetch standard's cache mode), and a server must then answer in full.
 */
function conditionalGet(url: string, token: string, etag: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: `Bearer ${token}`, 'if-none-match': etag };
    request(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

function count(tally: Tally, response: HttpResponse): void {
  tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
}

export function cachePhase(getProject: () => GeneratedProject, order: Readonly<Record<string, unknown>>): void {
  describe('the orders cache: two instances, one MongoDB, one Redis that dies and comes back with old entries', () => {
    let redis: OwnRedis;
    let redisDir = '';
    let a: ServerHandle;
    let b: ServerHandle;
    let alice = '';
    let bob = '';
    let orderId = '';
    const outputs = (): string => outputsOf([a, b]);

    beforeAll(async () => {
      const project = getProject();
      redisDir = path.join(project.workDir, 'cache-phase-redis');
      mkdirSync(redisDir, { recursive: true });
      redis = await startOwnRedis(redisDir);
      const env = { REDIS_URL: redis.url, MONGODB_URI: project.mongo.uri, RATE_LIMIT_POINTS: '1000000' };
      [a, b] = await startTwoServers(project.dir, env);
      const api = client(a.baseUrl);
      alice = await signUp(api, `cache-alice-${Date.now()}@example.com`);
      bob = await signUp(api, `cache-bob-${Date.now()}@example.com`);
      const created = await api('POST', '/api/v1/orders', { token: alice, json: { ...order, sku: `CACHE-${Date.now()}` } });
      if (created.status !== 201) throw new Error(`create: ${describeResponse(created)}${outputs()}`);
      orderId = created.body.order.id;
    }, 90_000);

    afterAll(() => {
      a?.kill();
      b?.kill();
      redis?.process.kill();
    });

    it(`reads ${ROUNDS} writes back at once on the other instance, across a Redis outage, with no stale read and no 5xx`, async () => {
      const tally: Tally = { stale: [], statuses: {} };
      const started = Date.now();
      let outageMs = 0;
      for (let round = 1; round <= ROUNDS; round += 1) {
        if (round === KILL_AT) {
          // The dump holds the order as cached now; the writes until the restart outdate it.
          expect(await redisCommand(redis.url, ['SAVE'])).toBe('+OK');
          redis.process.signal('SIGKILL');
          await redis.process.waitForExit(5_000);
          outageMs = Date.now();
          log(`cache phase: redis-server SIGKILLed after a SAVE, at round ${round}`);
        }
        if (round === RESTART_AT) {
          redis = await startOwnRedis(redisDir, redis.port);
          outageMs = Date.now() - outageMs;
          log(`cache phase: redis-server back at round ${round} after ${outageMs} ms, from the saved dump`);
        }
        const [writer, reader] = round % 2 === 0 ? [a, b] : [b, a];
        const title = `title ${round}`;
        const written = await client(writer.baseUrl)('PATCH', `/api/v1/orders/${orderId}`, { token: alice, json: { title } });
        count(tally, written);
        const read = await client(reader.baseUrl)('GET', `/api/v1/orders/${orderId}`, { token: alice });
        count(tally, read);
        if (read.body?.order?.title !== title) tally.stale.push(`round ${round}: ${read.status} ${read.body?.order?.title}`);
      }
      const seconds = (Date.now() - started) / 1000;
      log(
        `cache phase: ${ROUNDS} write/read rounds in ${seconds.toFixed(1)} s, statuses ${JSON.stringify(tally.statuses)}, ` +
          `${tally.stale.length} stale reads`,
      );
      if (tally.stale.length > 0) throw new Error(`stale reads:\n${tally.stale.slice(0, 20).join('\n')}${outputs()}`);
      expect(tally.statuses).toEqual({ '200': 2 * ROUNDS });
      // The cache answers again once the instances have settled after the outage: a read then fills Redis.
      await waitUntil(
        async () => {
          await client(a.baseUrl)('GET', `/api/v1/orders/${orderId}`, { token: alice });
          return (await redisCommand(redis.url, ['KEYS', `cache:orders:${orderId}`])).includes(orderId);
        },
        { timeoutMs: 10_000, intervalMs: 200, what: () => `the order to be cached in Redis again${outputs()}` },
      );
    }, 300_000);

    it("never gives another user an order, whichever instance cached it and in whichever order they ask", async () => {
      const attempts: HttpResponse[] = [];
      for (const [who, server] of [[bob, b], [alice, b], [bob, b], [bob, a], [alice, a], [bob, a]] as const) {
        attempts.push(await client(server.baseUrl)('GET', `/api/v1/orders/${orderId}`, { token: who }));
      }
      expect(attempts.map((response) => response.status)).toEqual([404, 200, 404, 404, 200, 404]);
    });

    it('answers If-None-Match with 304 until the order changes, and keeps shared caches from storing it', async () => {
      const api = client(b.baseUrl);
      const read = await api('GET', `/api/v1/orders/${orderId}`, { token: alice });
      const etag = read.headers.get('etag') ?? '';
      expect(etag).toMatch(/^"[^"]+"$/);
      expect(read.headers.get('cache-control')).toBe('private, no-cache');
      const url = `${b.baseUrl}/api/v1/orders/${orderId}`;
      expect(await conditionalGet(url, alice, etag)).toBe(304);
      await client(a.baseUrl)('PATCH', `/api/v1/orders/${orderId}`, { token: alice, json: { title: 'changed on A' } });
      expect(await conditionalGet(url, alice, etag)).toBe(200);
      const changed = await api('GET', `/api/v1/orders/${orderId}`, { token: alice });
      expect(changed.body.order.title).toBe('changed on A');
    });
  });
}
