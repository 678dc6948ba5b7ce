import { BentoCache, bentostore } from 'bentocache';
import { MemoryDriver, memoryDriver } from 'bentocache/drivers/memory';
import { CacheBusMessageType, type MemoryConfig } from 'bentocache/types';
import type { Config } from '../../config/config';
import type { Logger } from '../infrastructure/logger';
import {
  createBroadcastListener,
  duplicateConnection,
  MAX_RECONNECT_DELAY_MS,
  type RedisConnection,
} from '../infrastructure/redis';
import type { Resource } from '../infrastructure/shutdown';
import { CacheGate } from './cache-gate';
import { datedJson } from './dated-json';
import { RedisBus } from './redis-bus';
import { type Caches, type CountCacheRead, NoCache, type ReadCache } from './read-cache';
import { SharedTier } from './shared-tier';
import { MissedInvalidations, TieredReadCache } from './tiered-read-cache';

type Overtakable = Pick<TieredReadCache<unknown>, 'overtake' | 'overtakeAll'>;

/** Past this many invalidations missed in one outage, recovery clears the whole shared tier instead. */
const MAX_MISSED_INVALIDATIONS = 10_000;
/** Other instances reconnect up to one reconnect delay later; they replay their missed invalidations meanwhile. */
const DEFAULT_SETTLE_MS = MAX_RECONNECT_DELAY_MS + 500;

export interface CacheDependencies {
  readonly config: Config['cache'];
  /** Undefined: memory tier only (the embedded default, no REDIS_URL). */
  readonly redis: RedisConnection | undefined;
  /** The `redis` subsystem's logger: it reports outages and recoveries. */
  readonly logger: Logger;
  /** How long recovery waits for other instances before answering again; tests shorten it. */
  readonly settleMs?: number;
  /** Told of every read by id (the metrics); default: nobody. */
  readonly countRead?: CountCacheRead;
}

export interface CacheSetup {
  readonly caches: Caches;
  readonly resources: readonly Resource[];
  /** False while Redis is away (reads go to the database) and until its connections are first ready. */
  isAnswering(): boolean;
}

/**
 * The one place the cache is wired: a memory tier of `memoryMaxItems` entries (bentocache's: an LRU of JSON
 * entries, and a bus that keeps every instance's in step, retrying what it could not publish) in front of a Redis
 * tier shared by all instances (./shared-tier.ts); memory only without Redis; no memory tier (and so no bus) when
 * `memoryMaxItems` is 0.
 */
export function createCaches(dependencies: CacheDependencies): CacheSetup {
  const { config, redis, logger, settleMs = DEFAULT_SETTLE_MS, countRead = () => undefined } = dependencies;
  const withMemoryTier = config.memoryMaxItems > 0;
  if (!withMemoryTier && redis === undefined) {
    return { caches: { forContext: () => new NoCache() }, resources: [], isAnswering: () => false };
  }
  // Kept to forget this instance's memory tier at once (bentocache's `clear` also clears every other instance's).
  let memoryTier: MemoryDriver | undefined;
  const missed = new MissedInvalidations(MAX_MISSED_INVALIDATIONS);
  const gate = redis === undefined ? undefined : new CacheGate(() => recover(), logger, settleMs);

  let store = bentostore();
  if (withMemoryTier) {
    // Entries are kept as JSON, as in Redis: each hit parses one small document, and no caller can change what
    // another reads.
    const { options } = memoryDriver({ maxItems: config.memoryMaxItems });
    store = store.useL1Layer({
      options,
      factory: (driverOptions: MemoryConfig) => (memoryTier = new MemoryDriver(driverOptions)),
    });
  }
  let sharedConnection: RedisConnection | undefined;
  let shared: SharedTier | undefined;
  if (redis !== undefined && gate !== undefined) {
    // A connection of its own, which closing the cache closes without touching the shared client.
    sharedConnection = duplicateConnection(redis);
    gate.watch(sharedConnection);
    shared = new SharedTier(sharedConnection, config.ttlSeconds * 1_000);
    if (withMemoryTier) {
      const subscriber = createBroadcastListener(redis);
      gate.watch(redis);
      gate.watch(subscriber);
      const bus = new RedisBus(redis, subscriber, logger);
      store = store.useBus({
        options: { retryQueue: { enabled: true, maxSize: MAX_MISSED_INVALIDATIONS } },
        factory: () => bus,
      });
    }
  }
  const bento = withMemoryTier
    ? new BentoCache({
        default: 'cache',
        stores: { cache: store },
        ttl: config.ttlSeconds * 1_000,
        serializer: datedJson,
      })
    : undefined;

  async function recover(): Promise<void> {
    memoryTier?.clear();
    const replay = missed.take();
    try {
      if (replay.everything) await Promise.all([shared?.clear(), bento?.clear()]);
      for (const [context, versions] of replay.everything ? [] : replay.versionsByContext) {
        await Promise.all([...versions].map(async ([key, version]) => shared?.invalidate(context, key, version)));
        await bento?.namespace(context).deleteMany({ keys: [...versions.keys()] });
      }
    } catch (error) {
      missed.putBack(replay);
      throw error;
    }
  }

  const readCaches: Overtakable[] = [];
  bento?.on('bus:message:received', ({ message }) => {
    for (const cache of readCaches) {
      if (message.type === CacheBusMessageType.Clear) cache.overtakeAll();
      if (message.type === CacheBusMessageType.Delete) for (const key of message.keys) cache.overtake(key);
    }
  });
  gate?.start();

  const caches: Caches = {
    forContext<T>(context: string): ReadCache<T> {
      const cache = new TieredReadCache<T>(context, bento?.namespace(context), shared, gate, missed, countRead);
      readCaches.push(cache);
      return cache;
    },
  };
  const close = async (): Promise<void> => {
    // QUIT lets the replies pending arrive first.
    await sharedConnection?.quit().catch(() => undefined);
    await bento?.disconnect();
  };
  const resources = redis === undefined ? [] : [{ name: 'cache', close }];
  return { caches, resources, isAnswering: () => gate?.isOpen ?? true };
}
