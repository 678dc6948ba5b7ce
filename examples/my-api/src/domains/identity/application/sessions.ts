import { newId } from '../../../shared/kernel/id';
import type { AccessTokens } from '../../../shared/auth/access-tokens';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { RefreshSessionStore, RefreshTokenCodec } from './ports';

export interface Session {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshTtlSeconds: number;
}

/** Starts, rotates and ends sessions: an access token plus a rotating refresh token. */
export class Sessions {
  constructor(
    private readonly accessTokens: Pick<AccessTokens, 'issue'>,
    private readonly refreshTokens: RefreshTokenCodec,
    private readonly store: RefreshSessionStore,
  ) {}

  async start(userId: string): Promise<Session> {
    const familyId = newId();
    const refresh = await this.refreshTokens.issue(userId, familyId);
    await this.store.start(familyId, refresh.tokenId, refresh.ttlSeconds);
    return this.withAccessToken(userId, refresh.token, refresh.ttlSeconds);
  }

  /** Trades a refresh token for a new pair. Replaying an already used token revokes its whole family. */
  async refresh(refreshToken: string): Promise<Session> {
    const claims = await this.refreshTokens.verify(refreshToken);
    const next = await this.refreshTokens.issue(claims.userId, claims.familyId);
    const outcome = await this.store.rotate(claims.familyId, claims.tokenId, next.tokenId, next.ttlSeconds);
    if (outcome !== 'rotated') throw new InvalidRefreshTokenError();
    return this.withAccessToken(claims.userId, next.token, next.ttlSeconds);
  }

  /** Ends the refresh token's family; an invalid token is ignored (logging out cannot fail). */
  async end(refreshToken: string): Promise<void> {
    const claims = await this.refreshTokens.verify(refreshToken).catch(() => undefined);
    if (claims !== undefined) await this.store.revoke(claims.familyId);
  }

  private async withAccessToken(userId: string, refreshToken: string, refreshTtlSeconds: number): Promise<Session> {
    const access = await this.accessTokens.issue(userId);
    return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, refreshTtlSeconds };
  }
}
