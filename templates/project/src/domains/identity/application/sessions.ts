import { newId } from '../../../shared/kernel/id';
import type { AccessTokenService } from '../../../shared/auth/access-tokens';
import type { Role } from '../../../shared/kernel/roles';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { RefreshSessionStore, RefreshTokenClaims, RefreshTokenCodec } from './ports';

export interface Session {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshTtlSeconds: number;
}

/**
 * Starts, rotates and ends sessions. A session is one login: a family of rotating refresh tokens, whose id every
 * access token carries (`sid`), so that ending the session revokes them all.
 */
export class Sessions {
  constructor(
    private readonly accessTokens: Pick<AccessTokenService, 'issue' | 'revokeSession'>,
    private readonly refreshTokens: RefreshTokenCodec,
    private readonly store: RefreshSessionStore,
    /** The user's roles now, or undefined when the account is gone or disabled: a refresh reads them afresh. */
    private readonly activeRoles: (userId: string) => Promise<readonly Role[] | undefined>,
  ) {}

  async start(userId: string, roles: readonly Role[]): Promise<Session> {
    const familyId = newId();
    const refresh = await this.refreshTokens.issue(userId, familyId);
    await this.store.start(familyId, userId, refresh.tokenId, refresh.ttlSeconds);
    return this.withAccessToken(userId, roles, familyId, refresh.token, refresh.ttlSeconds);
  }

  /** The claims of a refresh token of ours, well-formed and unexpired; InvalidRefreshTokenError otherwise. */
  verify(refreshToken: string): Promise<RefreshTokenClaims> {
    return this.refreshTokens.verify(refreshToken);
  }

  /** Trades a verified refresh token for a new pair. Replaying an already used token revokes its whole family. */
  async refresh(claims: RefreshTokenClaims): Promise<Session> {
    const next = await this.refreshTokens.issue(claims.userId, claims.familyId);
    const outcome = await this.store.rotate(claims.familyId, claims.tokenId, next.tokenId, next.ttlSeconds);
    if (outcome !== 'rotated') throw new InvalidRefreshTokenError();
    const roles = await this.activeRoles(claims.userId);
    if (roles === undefined) throw new InvalidRefreshTokenError();
    return this.withAccessToken(claims.userId, roles, claims.familyId, next.token, next.ttlSeconds);
  }

  /** Logout: the session's refresh token and every access token it produced stop working at once. */
  async end(sessionId: string): Promise<void> {
    await this.store.revoke(sessionId);
    await this.accessTokens.revokeSession(sessionId);
  }

  /** Password change, roles changed, account disabled: every session of the user ends, on every instance. */
  async endAll(userId: string): Promise<void> {
    const sessionIds = await this.store.revokeAllOf(userId);
    await Promise.all(sessionIds.map((sessionId) => this.accessTokens.revokeSession(sessionId)));
  }

  private async withAccessToken(
    userId: string,
    roles: readonly Role[],
    sessionId: string,
    refreshToken: string,
    refreshTtlSeconds: number,
  ): Promise<Session> {
    const access = await this.accessTokens.issue(userId, sessionId, roles);
    return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, refreshTtlSeconds };
  }
}
