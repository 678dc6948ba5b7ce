import { errors } from 'bentocache';
import type { CacheProvider } from 'bentocache/types';
import type { CacheGate } from './cache-gate';
import type { ReadCache } from './read-cache';

/** What recovery replays: the keys by context, or (past capacity) everything. */
export interface Missed {
  readonly everything: boolean;
  readonly keysByContext: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Invalidations this instance could not make while Redis was away; replayed when it is back. */
export class MissedInvalidations {
  private keysByContext = new Map<string, Set<string>>();

  constructor(private readonly capacity: number) {}

  add(context: string, key: string): void {
    const keys = this.keysByContext.get(context) ?? new Set<string>();
    this.keysByContext.set(context, keys.add(key));
  }

  /** Hands over what was missed and forgets it; `putBack` if the replay fails. */
  take(): Missed {
    const keysByContext = this.keysByContext;
    this.keysByContext = new Map();
    const count = [...keysByContext.values()].reduce((total, keys) => total + keys.size, 0);
    return { everything: count > this.capacity, keysByContext };
  }

  putBack(missed: Missed): void {
    for (const [context, keys] of missed.keysByContext) for (const key of keys) this.add(context, key);
  }
}

/** Loads of one key in flight, and whether a write overtook them (their result may then be stale). */
interface Flight {
  readers: number;
  overtaken: boolean;
}

/**
 * One context's cache on bentocache (memory tier, Redis tier, bus). A load that a write overtakes would cache what
 * the write replaced; such an entry is deleted as soon as the load ends, whether the write was made here or (as
 * the bus reports) on another instance.
 */
export class BentoReadCache<T> implements ReadCache<T> {
  private readonly flights = new Map<string, Flight>();

  constructor(
    private readonly context: string,
    private readonly cache: CacheProvider,
    private readonly gate: CacheGate | undefined,
    private readonly missed: MissedInvalidations,
  ) {}

  async getOrLoad(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.gate?.isOpen === false) return load();
    const flight = this.flights.get(key) ?? { readers: 0, overtaken: false };
    this.flights.set(key, flight);
    flight.readers += 1;
    try {
      return await this.cache.getOrSet<T | undefined>({ key, factory: async ({ skip }) => (await load()) ?? skip() });
    } catch (error) {
      // The database's own error says more than bentocache's wrapper.
      throw error instanceof errors.E_FACTORY_ERROR ? error.cause : error;
    } finally {
      flight.readers -= 1;
      if (flight.readers === 0) {
        this.flights.delete(key);
        if (flight.overtaken) await this.invalidate(key);
      }
    }
  }

  async invalidate(key: string): Promise<void> {
    this.overtake(key);
    if (this.gate?.isOpen === false) {
      this.missed.add(this.context, key);
      return;
    }
    try {
      await this.cache.delete({ key, suppressL2Errors: false });
    } catch {
      // Redis failed under a write: bypass until a recovery has replayed this invalidation.
      this.missed.add(this.context, key);
      this.gate?.interrupt();
    }
  }

  /** A write to `key` happened (here or, reported by the bus, elsewhere): loads in flight may be stale. */
  overtake(key: string): void {
    const flight = this.flights.get(key);
    if (flight !== undefined) flight.overtaken = true;
  }

  overtakeAll(): void {
    for (const flight of this.flights.values()) flight.overtaken = true;
  }
}
