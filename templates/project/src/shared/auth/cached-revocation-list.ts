import type { Redis } from 'ioredis';
import type { Logger } from '../infrastructure/logger';
import { REVOKED_KEY_PREFIX, type RevocationList } from './revocation-list';

const DEFAULT_CAPACITY = 10_000;
/** Where Redis publishes tracked key changes to RESP2 clients. */
const INVALIDATION_CHANNEL = '__redis__:invalidate';
/** How often the notification connection proves it is alive; cached answers are used for twice as long. */
export const HEARTBEAT_MS = 1_000;

/** What reports of changes to revocation keys keep current. */
export interface RevocationReports {
  /** Every change up to now has been reported: answers may be used until `untilMs`. */
  trust(untilMs: number): void;
  /** Reports may be lost from now on (the notification connection closed). */
  distrust(): void;
  /** A revocation key changed, or Redis was flushed. */
  forgetAll(): void;
}

/**
 * Remembers "not revoked" answers, so that a token in use costs no Redis round trip per request, but uses them
 * only while Redis is known to have reported every change to a revocation key (`trackRevocationChanges` extends
 * that trust with each heartbeat). Any change forgets every answer; an answer whose check overlapped a change, or
 * a lapse of trust, is not remembered. So a revocation made anywhere holds here as soon as Redis reports it, and
 * at the latest when trust lapses if reports stop arriving. On a Redis Cluster, a slot moved to a master this
 * instance has not learned of yet is reported from the next topology refresh on (within about 5 s).
 */
export class CachedRevocationList implements RevocationList, RevocationReports {
  private readonly notRevoked = new Set<string>();
  private generation = 0;
  private trustedUntil = 0;

  constructor(
    private readonly shared: RevocationList,
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly now: () => number = Date.now,
  ) {}

  get isTrusted(): boolean {
    return this.now() < this.trustedUntil;
  }

  trust(untilMs: number): void {
    // After a lapse, reports may have been lost: start afresh.
    if (!this.isTrusted) this.forgetAll();
    this.trustedUntil = untilMs;
  }

  distrust(): void {
    this.forgetAll();
    this.trustedUntil = 0;
  }

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

  async isRevoked(id: string): Promise<boolean> {
    if (this.isTrusted && this.notRevoked.has(id)) return false;
    const generation = this.generation;
    const revoked = await this.shared.isRevoked(id);
    if (!revoked && this.isTrusted && generation === this.generation) this.remember(id);
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
 * client-side-caching tracking, redirected to itself), set up again on each connection. Each heartbeat reply
 * arrives after every report sent before it, so it extends the cache's trust. No trust while the connection is
 * down, silent, or where the server or a proxy refuses tracking.
 */
export function trackRevocationChanges(
  subscriber: Redis,
  cache: RevocationReports,
  logger: Logger,
  heartbeatMs = HEARTBEAT_MS,
): void {
  // Bumped on each close: a set-up or heartbeat begun on an earlier connection must not extend trust.
  let connection = 0;
  let trackedConnection = -1;
  let setUpConnection = -1;
  const trustFor = (of: number): void => {
    if (of === connection && of === trackedConnection) cache.trust(Date.now() + 2 * heartbeatMs);
  };

  subscriber.on('message', (channel: string) => {
    if (channel === INVALIDATION_CHANNEL) cache.forgetAll();
  });
  subscriber.on('close', () => {
    connection += 1;
    cache.distrust();
  });
  // Outages are reported by the main client; without a listener ioredis would print each error.
  subscriber.on('error', () => undefined);

  const setUp = (): void => {
    const of = connection;
    if (setUpConnection === of) return;
    setUpConnection = of;
    startTracking(subscriber).then(
      () => {
        trackedConnection = of;
        trustFor(of);
      },
      (error: unknown) => {
        if (of !== connection) return; // that connection closed meanwhile; the next one sets up again
        logger.warn({ err: error }, 'Redis does not report revocation changes; checking each request in Redis');
      },
    );
  };
  subscriber.on('ready', setUp);
  if (subscriber.status === 'ready') setUp();

  const heartbeat = setInterval(() => {
    const of = connection;
    if (of !== trackedConnection) return;
    subscriber.ping().then(
      () => {
        trustFor(of);
      },
      () => undefined, // the close that follows distrusts
    );
  }, heartbeatMs);
  heartbeat.unref();
  subscriber.once('end', () => {
    clearInterval(heartbeat);
  });
}

async function startTracking(subscriber: Redis): Promise<void> {
  const id = await subscriber.client('ID');
  await subscriber.call('CLIENT', 'TRACKING', 'ON', 'REDIRECT', String(id), 'BCAST', 'PREFIX', REVOKED_KEY_PREFIX);
  await subscriber.subscribe(INVALIDATION_CHANNEL);
}
