/**
 * A record as the database holds it, with its version (one more with each write) when it has one. A version lets
 * the cache refuse what a later write outdated; without one, an invalidation refuses every value for a while.
 */
export interface Loaded<T> {
  readonly value: T;
  readonly version?: number | undefined;
}

/**
 * Port: a read-through cache for one bounded context, keyed by record id. Values are plain data (dates survive the
 * trip). Who may see a cached record is not the cache's to decide: callers check their policy after every read.
 */
export interface ReadCache<T> {
  /**
   * The cached value, else the value `load` returns, cached unless undefined or outdated by a write that finished
   * meanwhile (on any instance). Concurrent misses for one key in this process share one `load`.
   */
  getOrLoad(key: string, load: () => Promise<Loaded<T> | undefined>): Promise<T | undefined>;
  /**
   * Forgets `key` in every tier and on every instance before it resolves; call it after each write, with the
   * version the write left. Until the TTL has passed, no value older than that version is cached again; without a
   * version (a delete, or a record that has none), no value of `key` at all.
   */
  invalidate(key: string, version?: number): Promise<void>;
}

/**
 * Where a read by id found its value: in this instance's memory, in Redis, or in neither (the database's, a
 * `miss`); `bypass`: Redis was away and the read went to the database.
 */
export type CacheOutcome = 'memory_hit' | 'shared_hit' | 'miss' | 'bypass';

/** Port: told of every read by id a cache answered, with its context (the metrics count them). */
export type CountCacheRead = (context: string, outcome: CacheOutcome) => void;

/** Hands each context a cache of its own (its keys live under the context's name). */
export interface Caches {
  forContext<T>(context: string): ReadCache<T>;
}

/** Reads straight from the database: for a context built without the cache. */
export class NoCache<T> implements ReadCache<T> {
  async getOrLoad(_key: string, load: () => Promise<Loaded<T> | undefined>): Promise<T | undefined> {
    return (await load())?.value;
  }

  async invalidate(): Promise<void> {
    // Nothing is kept, so nothing can be stale.
  }
}
