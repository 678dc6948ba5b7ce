import type { Redis } from 'ioredis';

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

function key(tokenId: string): string {
  return `revoked:access:${tokenId}`;
}
