import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { eventually } from '../testing/eventually';
import type { RedisConnection } from '../infrastructure/redis';
import { describeWithEveryRedis, describeWithRedisCluster, keysMatching, masterOf } from '../testing/redis';
import { type CacheSetup, createCaches } from './caches';
import type { Loaded, ReadCache } from './read-cache';
import { SharedTier } from './shared-tier';

interface Row {
  readonly title: string;
}

const silent = pino({ level: 'silent' });
const row = (title: string, version?: number) => (): Promise<Loaded<Row>> =>
  Promise.resolve({ value: { title }, version });

/** A database read that has read `title` and waits for `finish` before it answers. */
function heldRead(title: string, version?: number) {
  let started = (): void => undefined;
  let finish = (): void => undefined;
  const reading = new Promise<void>((resolve) => (started = resolve));
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const load = async (): Promise<Loaded<Row>> => {
    started();
    await finished;
    return { value: { title }, version };
  };
  return { load, reading, finish };
}

/**
 * A read on instance A that read the database before instance B's write, and writes the cache after it: the
 * interleaving that left A's stale value in Redis for the TTL. B has no memory tier and so publishes no bus
 * message: as if B's message reached A only after A's write (with CACHE_MEMORY_MAX_ITEMS=0 there is no bus at all).
 */
describeWithEveryRedis('The shared tier: no value older than a write that finished', (redis: () => RedisConnection) => {
  let setups: CacheSetup[];
  let context: string;

  function instance(memoryMaxItems: number): CacheSetup {
    const setup = createCaches({
      config: { ttlSeconds: 60, memoryMaxItems },
      redis: redis(),
      logger: silent,
      settleMs: 0,
    });
    setups.push(setup);
    return setup;
  }
  const cacheOf = (setup: CacheSetup): ReadCache<Row> => setup.caches.forContext<Row>(context);

  beforeEach(() => {
    setups = [];
    context = `test-${randomUUID()}`;
  });
  afterEach(async () => {
    for (const setup of setups) for (const resource of setup.resources) await resource.close();
  });

  async function instancesAB(memoryOfA: number): Promise<[ReadCache<Row>, ReadCache<Row>]> {
    const [a, b] = [instance(memoryOfA), instance(0)];
    expect(await eventually(() => a.isAnswering() && b.isAnswering())).toBe(true);
    return [cacheOf(a), cacheOf(b)];
  }

  describe.each([
    ['with a memory tier', 100],
    ['without a memory tier', 0],
  ])('A %s', (_, memoryOfA) => {
    it('refuses what a read loaded before a write of a newer version, on every instance', async () => {
      const [a, b] = await instancesAB(memoryOfA);
      const stale = heldRead('v1', 1);
      const reading = a.getOrLoad('k', stale.load);
      await stale.reading;
      await b.invalidate('k', 2); // B's write of version 2 has landed
      stale.finish();
      expect(await reading).toEqual({ title: 'v1' }); // what the database held when A read it
      expect(await b.getOrLoad('k', row('v2', 2))).toEqual({ title: 'v2' });
      expect(await a.getOrLoad('k', row('v2', 2))).toEqual({ title: 'v2' });
    });

    it('refuses any value for a while after a write without a version (a delete, a record without versions)', async () => {
      const [a, b] = await instancesAB(memoryOfA);
      const stale = heldRead('before');
      const reading = a.getOrLoad('k', stale.load);
      await stale.reading;
      await b.invalidate('k');
      stale.finish();
      expect(await reading).toEqual({ title: 'before' });
      expect(await b.getOrLoad('k', row('after'))).toEqual({ title: 'after' });
      expect(await a.getOrLoad('k', row('after again'))).toEqual({ title: 'after again' });
    });
  });

  it('caches the version a write left, and no older one that arrives later', async () => {
    const [a, b] = await instancesAB(100);
    await b.invalidate('k', 2);
    expect(await a.getOrLoad('k', row('v2', 2))).toEqual({ title: 'v2' });
    expect(await b.getOrLoad('k', row('read again', 2))).toEqual({ title: 'v2' }); // from Redis
    expect(await b.getOrLoad('other', row('v3', 3))).toEqual({ title: 'v3' });
    await b.invalidate('other', 2); // a late invalidation of an older version leaves the newer value
    expect(await a.getOrLoad('other', row('read again', 3))).toEqual({ title: 'v3' });
  });
});

describeWithRedisCluster('The cache across the nodes of a cluster', (cluster) => {
  let setups: CacheSetup[] = [];

  afterEach(async () => {
    for (const setup of setups) for (const resource of setup.resources) await resource.close();
    setups = [];
  });

  it("forgets, in every instance's memory tier, what another instance wrote (the bus, on one node of many)", async () => {
    const instance = () => {
      const config = { ttlSeconds: 60, memoryMaxItems: 100 };
      const setup = createCaches({ config, redis: cluster(), logger: pino({ level: 'silent' }), settleMs: 0 });
      setups.push(setup);
      return setup;
    };
    const [a, b] = [instance(), instance()];
    expect(await eventually(() => a.isAnswering() && b.isAnswering())).toBe(true);
    const context = `test-${randomUUID()}`;
    const [ofA, ofB] = [a.caches.forContext<Row>(context), b.caches.forContext<Row>(context)];
    expect(await ofA.getOrLoad('k', row('v1', 1))).toEqual({ title: 'v1' });
    expect(await ofA.getOrLoad('k', row('not read', 1))).toEqual({ title: 'v1' }); // from A's memory
    await ofB.invalidate('k', 2);
    expect(await eventually(async () => (await ofA.getOrLoad('k', row('v2', 2)))?.title === 'v2')).toBe(true);
  });

  it('clears the entries of every master, each key alone (one UNLINK of keys of several slots is CROSSSLOT)', async () => {
    const prefix = `cache-test-${randomUUID()}:`;
    const tier = new SharedTier(cluster(), 60_000, prefix);
    const keys = Array.from({ length: 30 }, (_, index) => `k${String(index)}`);
    for (const key of keys) await tier.put('orders', key, 1, { title: key });
    const written = await keysMatching(cluster(), `${prefix}*`);
    expect(written).toHaveLength(keys.length);
    expect(new Set(await Promise.all(written.map((key) => masterOf(cluster(), key)))).size).toBeGreaterThan(1);
    await tier.clear();
    expect(await keysMatching(cluster(), `${prefix}*`)).toEqual([]);
  });
});
