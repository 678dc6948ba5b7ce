import type { CacheProvider } from 'bentocache/types';
import type { CacheGate } from './cache-gate';
import type { CacheOutcome, CountCacheRead, Loaded, ReadCache } from './read-cache';
import { EVERY_VERSION, type SharedTier, UNVERSIONED } from './shared-tier';

/** What recovery replays: by context, each key's newest invalidated version, or (past capacity) everything. */
export interface Missed {
  readonly everything: boolean;
  readonly versionsByContext: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

/** Invalidations this instance could not make while Redis was away; replayed when it is back. */
export class MissedInvalidations {
  private versionsByContext = new Map<string, Map<string, number>>();

  constructor(private readonly capacity: number) {}

  add(context: string, key: string, version: number): void {
    const versions = this.versionsByContext.get(context) ?? new Map<string, number>();
    versions.set(key, Math.max(version, versions.get(key) ?? version));
    this.versionsByContext.set(context, versions);
  }

  /** Hands over what was missed and forgets it; `putBack` if the replay fails. */
  take(): Missed {
    const versionsByContext = this.versionsByContext;
    this.versionsByContext = new Map();
    const count = [...versionsByContext.values()].reduce((total, versions) => total + versions.size, 0);
    return { everything: count > this.capacity, versionsByContext };
  }

  putBack(missed: Missed): void {
    for (const [context, versions] of missed.versionsByContext) {
      for (const [key, version] of versions) this.add(context, key, version);
    }
  }
}

/** What a lookup found; `keep`: the memory tier may keep it (the shared tier took it). */
interface Found<T> {
  readonly value: T | undefined;
  readonly keep: boolean;
  readonly outcome: CacheOutcome;
}

/** A load of one key in flight, and whether a write overtook it (what it loaded may then be stale). */
interface Flight<T> {
  overtaken: boolean;
  readonly loaded: Promise<Found<T>>;
}

/**
 * One context's cache: a memory tier (bentocache's, whose bus keeps every instance's in step) in front of the
 * shared tier in Redis, either of them optional. The shared tier refuses a value older than one a write left
 * there, so a load that a write overtook cannot land after it, on any instance. The memory tier keeps only what
 * the shared tier took, and a load that a write overtook (here or, as the bus reports, elsewhere) does not stay.
 */
export class TieredReadCache<T> implements ReadCache<T> {
  private readonly flights = new Map<string, Flight<T>>();

  constructor(
    private readonly context: string,
    private readonly memory: CacheProvider | undefined,
    private readonly shared: SharedTier | undefined,
    private readonly gate: CacheGate | undefined,
    private readonly missed: MissedInvalidations,
    private readonly countRead: CountCacheRead,
  ) {}

  async getOrLoad(key: string, load: () => Promise<Loaded<T> | undefined>): Promise<T | undefined> {
    if (this.gate?.isOpen === false) {
      this.countRead(this.context, 'bypass');
      return (await load())?.value;
    }
    const remembered = await this.memory?.get<T>({ key });
    if (remembered !== undefined) {
      this.countRead(this.context, 'memory_hit');
      return remembered;
    }
    const joined = this.flights.get(key);
    if (joined !== undefined) {
      const { value, outcome } = await joined.loaded;
      this.countRead(this.context, outcome);
      return value;
    }
    const flight: Flight<T> = { overtaken: false, loaded: this.fromSharedOrDatabase(key, load) };
    this.flights.set(key, flight);
    try {
      const { value, keep, outcome } = await flight.loaded;
      this.countRead(this.context, outcome);
      // Other instances hold no newer value than the shared tier's: no bus message.
      if (keep) await this.memory?.set({ key, value, skipBusNotify: true });
      return value;
    } finally {
      this.flights.delete(key);
      if (flight.overtaken) await this.memory?.delete({ key });
    }
  }

  async invalidate(key: string, version = EVERY_VERSION): Promise<void> {
    this.overtake(key);
    if (this.gate?.isOpen === false) {
      this.missed.add(this.context, key, version);
      return;
    }
    try {
      await this.shared?.invalidate(this.context, key, version);
      await this.memory?.delete({ key });
    } catch {
      // Redis failed under a write: bypass until a recovery has replayed this invalidation.
      this.missed.add(this.context, key, version);
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

  /** The shared tier's value, else the database's. */
  private async fromSharedOrDatabase(key: string, load: () => Promise<Loaded<T> | undefined>): Promise<Found<T>> {
    if (this.shared === undefined) {
      const loaded = await load();
      return { value: loaded?.value, keep: loaded !== undefined, outcome: 'miss' };
    }
    let cached: unknown;
    try {
      cached = await this.shared.get(this.context, key);
    } catch {
      // Redis failed: the gate hears of it; this read goes to the database and keeps nothing.
      return { value: (await load())?.value, keep: false, outcome: 'bypass' };
    }
    if (cached !== undefined) return { value: cached as T, keep: true, outcome: 'shared_hit' };
    const loaded = await load();
    if (loaded === undefined) return { value: undefined, keep: false, outcome: 'miss' };
    const keep = await this.shared
      .put(this.context, key, loaded.version ?? UNVERSIONED, loaded.value)
      .catch(() => false);
    return { value: loaded.value, keep, outcome: 'miss' };
  }
}
