import type { Logger } from '../infrastructure/logger';
import type { RedisConnection } from '../infrastructure/redis';

/**
 * Sessions revoked before their access tokens expire (logout, password change, a replayed refresh token): every
 * access token carries its session's id. Entries disappear when the last token they name would have expired anyway.
 */
export interface RevocationList {
  revoke(id: string, expiresAtEpochSeconds: number): Promise<void>;
  /** Rejects when the list cannot be read. */
  isRevoked(id: string): Promise<boolean>;
}

/** What access tokens consult: `undefined` when revocations made elsewhere cannot be known right now. */
export interface RevocationCheck {
  revoke(id: string, expiresAtEpochSeconds: number): Promise<void>;
  isRevoked(id: string): Promise<boolean | undefined>;
}

export class RedisRevocationList implements RevocationList {
  constructor(private readonly redis: RedisConnection) {}

  async revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.redis.set(key(id), '1', 'EXAT', expiresAtEpochSeconds);
  }

  async isRevoked(id: string): Promise<boolean> {
    return (await this.redis.exists(key(id))) > 0;
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

  isRevoked(id: string): Promise<boolean> {
    return Promise.resolve((this.expiries.get(id) ?? 0) > this.nowSeconds());
  }

  private dropExpired(): void {
    const now = this.nowSeconds();
    for (const [id, expiry] of this.expiries) if (expiry <= now) this.expiries.delete(id);
  }
}

/**
 * Redis, shared by every instance, insured by this process's own list: while Redis is unreachable, revocations
 * made here still hold, and a session revoked only elsewhere answers `undefined` (unknown) rather than an error:
 * the access tokens decide by the token's roles (AUTH_FAIL_CLOSED_ROLES).
 */
export class InsuredRevocationList implements RevocationCheck {
  private readonly local = new InMemoryRevocationList();
  private outage = false;

  constructor(
    private readonly shared: RevocationList,
    private readonly logger: Logger,
    /** Said once when an outage starts: what the service does meanwhile. */
    private readonly outagePolicy: string,
  ) {}

  async revoke(id: string, expiresAtEpochSeconds: number): Promise<void> {
    await this.local.revoke(id, expiresAtEpochSeconds);
    await this.shared.revoke(id, expiresAtEpochSeconds).then(this.recovered, this.failed);
  }

  async isRevoked(id: string): Promise<boolean | undefined> {
    if (await this.local.isRevoked(id)) return true;
    return this.shared.isRevoked(id).then(
      (revoked) => {
        this.recovered();
        return revoked;
      },
      (error: unknown) => {
        this.failed(error);
        return undefined;
      },
    );
  }

  private readonly recovered = (): void => {
    if (this.outage) this.logger.info('revocation list reachable again');
    this.outage = false;
  };

  private readonly failed = (error: unknown): void => {
    if (!this.outage) {
      this.logger.error(
        { err: error },
        `revocation list unreachable: only this process's revocations hold; ${this.outagePolicy}`,
      );
    }
    this.outage = true;
  };
}

/** Every revocation key starts with it, so that Redis can report changes to them (see CachedRevocationList). */
export const REVOKED_KEY_PREFIX = 'revoked:';

function key(id: string): string {
  return `${REVOKED_KEY_PREFIX}${id}`;
}
