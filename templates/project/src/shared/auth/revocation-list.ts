import type { Redis } from 'ioredis';
import type { Logger } from '../infrastructure/logger';

/** Token ids revoked before they expire (logout). Entries disappear when the token would have expired anyway. */
export interface RevocationList {
  revoke(tokenId: string, expiresAtEpochSeconds: number): Promise<void>;
  isRevoked(tokenId: string): Promise<boolean>;
}

export class RedisRevocationList implements RevocationList {
  constructor(private readonly redis: Redis) {}

  async revoke(tokenId: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.redis.set(key(tokenId), '1', 'EXAT', expiresAtEpochSeconds);
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    return (await this.redis.exists(key(tokenId))) === 1;
  }
}

/** For the embedded default (no Redis): correct for one process only. */
export class InMemoryRevocationList implements RevocationList {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly nowSeconds: () => number = () => Math.floor(Date.now() / 1000)) {}

  revoke(tokenId: string, expiresAtEpochSeconds: number): Promise<void> {
    this.dropExpired();
    this.expiries.set(tokenId, expiresAtEpochSeconds);
    return Promise.resolve();
  }

  isRevoked(tokenId: string): Promise<boolean> {
    const expiry = this.expiries.get(tokenId);
    return Promise.resolve(expiry !== undefined && expiry > this.nowSeconds());
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

  async revoke(tokenId: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.local.revoke(tokenId, expiresAtEpochSeconds);
    await this.shared.revoke(tokenId, expiresAtEpochSeconds).then(this.recovered, this.failed);
  }

  async isRevoked(tokenId: string): Promise<boolean> {
    if (await this.local.isRevoked(tokenId)) return true;
    return this.shared.isRevoked(tokenId).then(
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

function key(tokenId: string): string {
  return `revoked:access:${tokenId}`;
}
