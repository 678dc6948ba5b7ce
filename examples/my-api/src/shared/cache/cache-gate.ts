import type { Logger } from '../infrastructure/logger';
import type { RedisConnection } from '../infrastructure/redis';

const RECOVERY_RETRY_MS = 1_000;

/**
 * Decides whether the cache may answer. It may while every Redis connection it depends on is up: the one that
 * reads and writes the shared tier, and the bus's two (which keep every instance's memory tier fresh).
 * While one is down, reads go to the database and writes are remembered; when all are back, `recover` runs (it
 * forgets the memory tier and replays the remembered invalidations) and, after `settleMs` for the other instances
 * to replay theirs, the cache answers again. At start-up it answers as soon as every connection is ready.
 */
export class CacheGate {
  private readonly connections: RedisConnection[] = [];
  /** Closed until every connection is first ready. */
  private answering = false;
  /** Bumped by every outage, so that a recovery overtaken by a new outage does not reopen the gate. */
  private outages = 0;
  private recoveringFrom = -1;
  private hasAnswered = false;

  constructor(
    private readonly recover: () => Promise<void>,
    private readonly logger: Logger,
    private readonly settleMs: number,
  ) {}

  get isOpen(): boolean {
    return this.answering;
  }

  /** Starts depending on `connection`: an outage closes the gate. Call `start` once all are watched. */
  watch(connection: RedisConnection): void {
    this.connections.push(connection);
    // Outages are logged once, below; without a listener ioredis would print each reconnect error.
    connection.on('error', () => undefined);
    connection.on('close', () => {
      this.interrupt();
    });
    connection.on('ready', () => {
      this.reopenWhenAllReady();
    });
  }

  start(): void {
    this.reopenWhenAllReady();
  }

  /** A connection closed, or a Redis write failed while it looked up: bypass, then recover. */
  interrupt(): void {
    this.outages += 1;
    if (this.answering) {
      this.answering = false;
      this.logger.warn('Redis is unreachable: cache bypassed, reads go to the database until it is back');
    }
    // Connections that stayed up send no `ready`: try now (and again after each failed attempt).
    this.reopenWhenAllReady();
  }

  private allReady(): boolean {
    return this.connections.every((connection) => connection.status === 'ready');
  }

  private reopenWhenAllReady(): void {
    const outage = this.outages;
    if (this.answering || this.recoveringFrom === outage || !this.allReady()) return;
    this.recoveringFrom = outage;
    const stillRecovering = (): boolean => outage === this.outages && this.allReady();
    this.recover()
      // Settling is for the other instances' replays after an outage; at start-up there is nothing to wait for.
      .then(() => delay(this.hasAnswered ? this.settleMs : 0))
      .then(
        () => {
          if (!stillRecovering()) return;
          this.answering = true;
          // The first opening, at start-up, is no recovery.
          if (this.hasAnswered)
            this.logger.info('Redis is back: cache answering again (missed invalidations replayed)');
          this.hasAnswered = true;
        },
        (error: unknown) => {
          if (!stillRecovering()) return; // a newer outage recovers on its own
          this.logger.warn({ err: error }, 'cache recovery failed; reads stay on the database and it tries again');
          setTimeout(() => {
            this.interrupt();
          }, RECOVERY_RETRY_MS).unref();
        },
      );
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
