import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { eventually } from '../testing/eventually';
import type { RedisConnection } from '../infrastructure/redis';
import { describeWithEveryRedis } from '../testing/redis';
import { type CacheSetup, createCaches } from './caches';
import type { Loaded, ReadCache } from './read-cache';

interface Row {
  readonly id: string;
  readonly at: Date;
}

const CONFIG = { ttlSeconds: 60, memoryMaxItems: 100 };
const silent = pino({ level: 'silent' });

/** A database of one row per key that counts its reads; `release` lets a held read finish. */
function countingLoader(value: Row | undefined) {
  let reads = 0;
  let hold: Promise<void> = Promise.resolve();
  let release = (): void => undefined;
  return {
    get reads() {
      return reads;
    },
    holdNextRead(): void {
      hold = new Promise((resolve) => (release = resolve));
    },
    release: () => {
      release();
    },
    load: async (): Promise<Loaded<Row> | undefined> => {
      reads += 1;
      await hold;
      return value === undefined ? undefined : { value, version: 1 };
    },
  };
}

/** The same promises for every tier: the memory-only cache of the embedded default, memory + Redis, Redis only. */
function readCacheContract(newSetup: () => CacheSetup): void {
  let setup: CacheSetup;
  let cache: ReadCache<Row>;
  const row: Row = { id: 'r1', at: new Date('2024-01-15T10:00:00.000Z') };

  beforeEach(async () => {
    setup = newSetup();
    expect(await eventually(() => setup.isAnswering())).toBe(true);
    cache = setup.caches.forContext<Row>(`test-${randomUUID()}`);
  });
  afterEach(async () => {
    for (const resource of setup.resources) await resource.close();
  });

  it('reads the database once, then answers from the cache with dates intact', async () => {
    const db = countingLoader(row);
    expect(await cache.getOrLoad('k', db.load)).toEqual(row);
    const again = await cache.getOrLoad('k', db.load);
    expect(again).toEqual(row);
    expect(again?.at).toBeInstanceOf(Date);
    expect(db.reads).toBe(1);
  });

  it('does not cache a miss: a record created later is found', async () => {
    const db = countingLoader(undefined);
    expect(await cache.getOrLoad('k', db.load)).toBeUndefined();
    expect(await cache.getOrLoad('k', countingLoader(row).load)).toEqual(row);
  });

  it('makes one database read for concurrent misses of one key', async () => {
    const db = countingLoader(row);
    db.holdNextRead();
    const reads = Promise.all([1, 2, 3, 4, 5].map(() => cache.getOrLoad('k', db.load)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    db.release();
    expect(await reads).toEqual([row, row, row, row, row]);
    expect(db.reads).toBe(1);
  });

  it('reads the database again after an invalidation', async () => {
    await cache.getOrLoad('k', countingLoader(row).load);
    await cache.invalidate('k');
    const changed = { ...row, at: new Date('2025-01-01T00:00:00.000Z') };
    expect(await cache.getOrLoad('k', countingLoader(changed).load)).toEqual(changed);
  });

  it('does not keep what a read loaded when a write overtook it', async () => {
    const before = countingLoader(row);
    before.holdNextRead();
    const staleRead = cache.getOrLoad('k', before.load);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await cache.invalidate('k'); // the write lands while the read holds the old row
    before.release();
    expect(await staleRead).toEqual(row);
    const changed = { ...row, at: new Date('2025-01-01T00:00:00.000Z') };
    expect(await cache.getOrLoad('k', countingLoader(changed).load)).toEqual(changed);
  });

  it('keeps contexts apart: the same key in another context is another entry', async () => {
    await cache.getOrLoad('k', countingLoader(row).load);
    const other = setup.caches.forContext<Row>(`test-${randomUUID()}`);
    expect(await other.getOrLoad('k', countingLoader(undefined).load)).toBeUndefined();
  });
}

describe('ReadCache — memory tier only', () => {
  readCacheContract(() => createCaches({ config: CONFIG, redis: undefined, logger: silent }));
});

describeWithEveryRedis('ReadCache', (redis: () => RedisConnection) => {
  readCacheContract(() => createCaches({ config: CONFIG, redis: redis(), logger: silent, settleMs: 0 }));
});

describeWithEveryRedis('ReadCache — Redis tier only (CACHE_MEMORY_MAX_ITEMS=0)', (redis: () => RedisConnection) => {
  const config = { ...CONFIG, memoryMaxItems: 0 };
  readCacheContract(() => createCaches({ config, redis: redis(), logger: silent, settleMs: 0 }));
});
