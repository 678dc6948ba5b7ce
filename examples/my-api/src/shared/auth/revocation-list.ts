import type { Redis } from 'ioredis';
import type { Logger } from '../infrastructure/logger';

/**
 * Ids revoked before they expire: an access token's id (logout), or a session's id, which revokes every access
 * token of that session (password change). Entries disappear when what they name would have expired anyway.
 */
export interface RevocationList {
  revoke(id: string, expiresAtEpochSeconds: number): Promise<void>;
  /** True when any of `ids` is revoked: one look-up for a token and its session. */
  isRevoked(...ids: readonly string[]): Promise<boolean>;
}

export class RedisRevocationList implements RevocationList {
  constructor(private readonly redis: Redis) {}

  async revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.redis.set(key(id), '1', 'EXAT', expiresAtEpochSeconds);
  }

  async isRevoked(...ids: readonly string[]): Promise<boolean> {
    return (await this.redis.exists(ids.map(key))) > 0;
  }
}

/** For the embedded default (no Redis): correct for one process only. */
export class InMemoryRevocationList implements RevocationList {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

  revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    this.dropExpired();
    this.expiries.set(id, expiresAtEpochSeconds);
    return Promise.resolve();
  }

  isRevoked(...ids: readonly string[]): Promise<boolean> {
    const now = this.nowSeconds();
    return Promise.resolve(ids.some((id) => (this.expiries.get(id) ?? 0) > now));
  }

  private dropExpired(): void {
    const now = this.nowSeconds();
    for (const [tokenId, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(tokenId);
  }
}

/**
 * Redis, shared by every instance, insured by this process's own list: while Redis is unreachable, revocations
 * made here still hold and authentication keeps answering (per process) instead of failing with 5xx.
 */
export class InsuredRevocationList implements RevocationList {
  private readonly local = new InMemoryRevocationList();
  private outage = false;

  constructor(
    private readonly shared: RevocationList,
    private readonly logger: Logger,
  ) {}

  async revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.local.revoke(id, expiresAtEpochSeconds);
    await this.shared.revoke(id, expiresAtEpochSeconds).then(this.recovered, this.failed);
  }

  async isRevoked(...ids: readonly string[]): Promise<boolean> {
    if (await this.local.isRevoked(...ids)) return true;
    return this.shared.isRevoked(...ids).then(
      (revoked) => {
        this.recovered();
        return revoked;
      },
      (error: unknown) => {
        this.failed(error);
        return false;
      },
    );
  }

  private readonly recovered = (): void => {
    if (this.outage) this.logger.info('revocation list reachable again');
    this.outage = false;
  };

  private readonly failed = (error: unknown): void => {
    if (!this.outage) this.logger.error({ err: error }, 'revocation list unreachable; checking this process only');
    this.outage = true;
  };
}

/** Every revocation key starts with it, so that Redis can report changes to them (see CachedRevocationList). */
export const REVOKED_KEY_PREFIX = 'revoked:';

function key(id: string): string {
  return `${REVOKED_KEY_PREFIX}${id}`;
}
