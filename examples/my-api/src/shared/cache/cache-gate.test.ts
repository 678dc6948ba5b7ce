import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { eventually } from '../testing/eventually';
import { describeWithRedis } from '../testing/redis';
import { type CacheSetup, createCaches } from './caches';

const CONFIG = { ttlSeconds: 60, memoryMaxItems: 100 };

/** One instance of the service's cache, on connections of its own (named, so that a test can cut them). */
function instance(url: string, name: string) {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
  // Reconnects after 500 ms: an outage long enough to act in.
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: () => 500,
  });
  const setup: CacheSetup = createCaches({ config: CONFIG, redis: client, logger, settleMs: 0 });
  return {
    setup,
    orders: setup.caches.forContext<{ version: number }>('orders'),
    outageLogs: () => lines.filter((line) => line.includes('cache bypassed')).length,
    close: async () => {
      for (const resource of setup.resources) await resource.close();
      client.disconnect();
    },
  };
}

const version = (n: number) => () => Promise.resolve({ value: { version: n }, version: n });

describeWithRedis('Cache across instances and outages', (redis) => {
  const url = process.env.REDIS_URL ?? '';
  const name = `cache-test-${randomUUID()}`;
  let key: string;
  let a: ReturnType<typeof instance>;
  let b: ReturnType<typeof instance>;

  beforeEach(async () => {
    key = `owner:${randomUUID()}`;
    a = instance(url, `${name}-a`);
    b = instance(url, `${name}-b`);
    expect(await eventually(() => a.setup.isAnswering() && b.setup.isAnswering())).toBe(true);
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  /** Cuts every connection of one instance, as a network failure or a Redis restart would. */
  async function cutConnections(of: string): Promise<number> {
    const clients = String(await redis().client('LIST')).split('\n');
    const ids = clients.filter((line) => line.includes(` name=${of} `)).map((line) => /\bid=(\d+)/.exec(line)?.[1]);
    for (const id of ids) if (id !== undefined) await redis().client('KILL', 'ID', id);
    return ids.length;
  }

  it("does not let one instance's memory tier hide a write made on another", async () => {
    await a.orders.getOrLoad(key, version(1));
    expect(await b.orders.getOrLoad(key, version(1))).toEqual({ version: 1 });
    await a.orders.invalidate(key, 2); // a's write of version 2 has landed
    const fresh = await eventually(async () => (await b.orders.getOrLoad(key, version(2)))?.version === 2, 200);
    expect(fresh).toBe(true);
  });

  it('bypasses the cache while Redis is away, logs the outage once, and replays what it missed', async () => {
    await a.orders.getOrLoad(key, version(1));
    expect(await cutConnections(`${name}-a`)).toBeGreaterThanOrEqual(3); // shared tier, bus publisher, subscriber
    expect(await eventually(() => !a.setup.isAnswering())).toBe(true);

    // Reads go to the database; a write's invalidation is remembered (Redis still holds version 1).
    expect(await a.orders.getOrLoad(key, version(2))).toEqual({ version: 2 });
    await a.orders.invalidate(key, 2);
    expect(await b.orders.getOrLoad(key, version(2))).toEqual({ version: 1 }); // b answers from Redis, stale

    expect(await eventually(() => a.setup.isAnswering(), 5_000)).toBe(true);
    expect(a.outageLogs()).toBe(1);
    // Replayed on recovery: gone from Redis and from b's memory tier.
    expect(await eventually(async () => (await b.orders.getOrLoad(key, version(3)))?.version === 3)).toBe(true);
    expect(await a.orders.getOrLoad(key, version(4))).toEqual({ version: 3 });
  });

  it("forgets its memory tier after an outage: it may have missed other instances' invalidations", async () => {
    await b.orders.getOrLoad(key, version(1));
    expect(await cutConnections(`${name}-b`)).toBeGreaterThanOrEqual(3);
    expect(await eventually(() => !b.setup.isAnswering())).toBe(true);
    // Meanwhile a writes and invalidates; b's bus is down and misses it.
    await a.orders.invalidate(key, 2);
    expect(await eventually(() => b.setup.isAnswering(), 5_000)).toBe(true);
    expect(await b.orders.getOrLoad(key, version(2))).toEqual({ version: 2 });
  });
});
