import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { eventually } from '../testing/eventually';
import type { RedisConnection } from '../infrastructure/redis';
import { describeWithEveryRedis } from '../testing/redis';
import { type CacheSetup, createCaches } from './caches';
import type { Loaded, ReadCache } from './read-cache';

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
