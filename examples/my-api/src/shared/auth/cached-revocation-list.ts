import type { Redis } from 'ioredis';
import type { Logger } from '../infrastructure/logger';
import { REVOKED_KEY_PREFIX, type RevocationList } from './revocation-list';

const DEFAULT_CAPACITY = 10_000;
/** Where Redis publishes tracked key changes to RESP2 clients. */
const INVALIDATION_CHANNEL = '__redis__:invalidate';

/**
 * Remembers "not revoked" answers, so that a token in use costs no Redis round trip per request, only while Redis
 * reports every change to a revocation key (`trackRevocationChanges`). Any change forgets every answer, and an
 * answer that overlapped a change is not remembered: a revocation anywhere holds here as soon as Redis reports it.
 */
export class CachedRevocationList implements RevocationList {
  private readonly notRevoked = new Set<string>();
  private generation = 0;
  private tracked = false;

  constructor(
    private readonly shared: RevocationList,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  get isTracking(): boolean {
    return this.tracked;
  }

  /** Whether Redis now reports every change (the cache works) or may miss some (every check asks Redis). */
  setTracking(tracked: boolean): void {
    this.forgetAll();
    this.tracked = tracked;
  }

  /** A revocation key changed, or Redis was flushed. */
  readonly forgetAll = (): void => {
    this.generation += 1;
    this.notRevoked.clear();
  };

  async revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    try {
      await this.shared.revoke(id, expiresAtEpochSeconds);
    } finally {
      // Not waiting for Redis's report: this client's very next request must already be refused.
      this.forgetAll();
    }
  }

  async isRevoked(...ids: readonly string[]): Promise<boolean> {
    const key = ids.join(' ');
    if (this.notRevoked.has(key)) return false;
    const generation = this.generation;
    const revoked = await this.shared.isRevoked(...ids);
    if (!revoked && this.tracked && generation === this.generation) this.remember(key);
    return revoked;
  }

  private remember(key: string): void {
    if (this.notRevoked.size >= this.capacity) {
      // Sets iterate in insertion order: the first key is the oldest answer.
      const oldest = this.notRevoked.values().next();
      if (oldest.done !== true) this.notRevoked.delete(oldest.value);
    }
    this.notRevoked.add(key);
  }
}

/**
 * Has Redis (6 or later) report every write to a revocation key on `subscriber` (see `createSubscriber`; broadcast
 * client-side-caching tracking, redirected to itself), again after each reconnect. The cache is off
 * while that connection is down, and stays off where the server or a proxy refuses tracking.
 */
export function trackRevocationChanges(subscriber: Redis, cache: CachedRevocationList, logger: Logger): void {
  subscriber.on('message', (channel: string) => {
    if (channel === INVALIDATION_CHANNEL) cache.forgetAll();
  });
  subscriber.on('close', () => {
    cache.setTracking(false);
  });
  // Outages are reported by the main client; without a listener ioredis would print each error.
  subscriber.on('error', () => undefined);
  const start = (): void => {
    startTracking(subscriber).then(
      () => {
        cache.setTracking(true);
      },
      (error: unknown) => {
        logger.warn({ err: error }, 'Redis does not report revocation changes; checking each request in Redis');
      },
    );
  };
  subscriber.on('ready', start);
  if (subscriber.status === 'ready') start();
}

async function startTracking(subscriber: Redis): Promise<void> {
  const id = await subscriber.client('ID');
  await subscriber.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', 'PREFIX', REVOKED_KEY_PREFIX);
  await subscriber.subscribe(INVALIDATION_CHANNEL);
}
