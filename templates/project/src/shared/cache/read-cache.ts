/**
 * Port: a read-through cache for one bounded context, keyed by record id. Values are plain data (dates survive the
 * trip). Who may see a cached record is not the cache's to decide: callers check their policy after every read.
 */
export interface ReadCache<T> {
  /**
   * The cached value, else what `load` returns, cached unless undefined. Concurrent misses for one key in this
   * process share one `load`.
   */
  getOrLoad(key: string, load: () => Promise<T | undefined>): Promise<T | undefined>;
  /** Forgets `key` in every tier and on every instance before it resolves; call it after each write. */
  invalidate(key: string): Promise<void>;
}

/** Hands each context a cache of its own (its keys live under the context's name). */
export interface Caches {
  forContext<T>(context: string): ReadCache<T>;
}

/** Reads straight from the database: for a context built without the cache. */
export class NoCache<T> implements ReadCache<T> {
  getOrLoad(_key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    return load();
  }

  async invalidate(): Promise<void> {
    // Nothing is kept, so nothing can be stale.
  }
}
