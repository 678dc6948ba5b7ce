import { randomUUID } from 'node:crypto';
import { newId } from '../../../shared/kernel/id';
import type { AccessTokenService } from '../../../shared/auth/access-tokens';
import type { AuditLog } from '../../../shared/kernel/audit';
import type { Role } from '../../../shared/kernel/roles';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { RefreshSessionStore, RefreshTokenClaims, RefreshTokenCodec, RefreshTokenGrant } from './ports';

export interface Session {
  readonly accessToken: string;
  readonly expiresIn: number;
  readonly refreshToken: string;
  readonly refreshTtlSeconds: number;
}

export interface SessionPolicy {
  /** A refresh token unused this long expires (the idle timeout); each refresh starts it again. */
  readonly refreshTtlSeconds: number;
  /** A session ends this long after its login, however often it is refreshed. */
  readonly maxLifetimeSeconds: number;
  /** How long a refresh token just rotated away still answers, with the token that replaced it. */
  readonly reuseGraceSeconds: number;
}

export interface SessionDependencies {
  readonly accessTokens: Pick<AccessTokenService, 'issue' | 'revokeSession'>;
  readonly refreshTokens: RefreshTokenCodec;
  readonly store: RefreshSessionStore;
  /** The user's roles now, or undefined when the account is gone or disabled: a refresh reads them afresh. */
  readonly activeRoles: (userId: string) => Promise<readonly Role[] | undefined>;
  readonly policy: SessionPolicy;
  readonly audit: AuditLog;
  readonly now?: () => number;
}

/**
 * Starts, rotates and ends sessions. A session is one login: a family of rotating refresh tokens, whose id every
 * access token carries (`sid`), so that ending the session revokes them all.
 */
export class Sessions {
  private readonly now: () => number;

  constructor(private readonly deps: SessionDependencies) {
    this.now = deps.now ?? Date.now;
  }

  /** Read by a login before it looks at the account: see start. */
  generation(userId: string): Promise<number> {
    return this.deps.store.generation(userId);
  }

  /**
   * A new session, unless every session of the user ended since `generation` was read (a password change, a role
   * change, a disabled account while the login checked the password): then undefined, and the login looks again.
   */
  async start(userId: string, roles: readonly Role[], generation: number): Promise<Session | undefined> {
    const familyId = newId();
    const issuedAt = this.nowSeconds();
    const sessionEndsAt = issuedAt + this.deps.policy.maxLifetimeSeconds;
    const first = this.grant(issuedAt, sessionEndsAt);
    if (!(await this.deps.store.start({ userId, generation, familyId, first, endsAt: sessionEndsAt })))
      return undefined;
    return this.session({ userId, familyId, sessionEndsAt }, first, roles);
  }

  /** The claims of a refresh token of ours, well-formed and unexpired; InvalidRefreshTokenError otherwise. */
  verify(refreshToken: string): Promise<RefreshTokenClaims> {
    return this.deps.refreshTokens.verify(refreshToken);
  }

  /**
   * Trades a verified refresh token for a new pair. What can fail is read before the token is rotated, so a failure
   * leaves the presented token valid. The token just rotated away, presented again within the grace period (a
   * second tab, a retry after a lost response), answers with the pair's current token. Any older token is a replay:
   * the whole session ends, its access tokens included.
   */
  async refresh(claims: RefreshTokenClaims): Promise<Session> {
    const { userId, familyId, tokenId, sessionEndsAt } = claims;
    const roles = await this.deps.activeRoles(userId);
    if (roles === undefined) {
      await this.end(userId, familyId, 'account_inactive');
      throw new InvalidRefreshTokenError();
    }
    const next = this.grant(this.nowSeconds(), sessionEndsAt);
    if (next.expiresAt <= next.issuedAt) throw new InvalidRefreshTokenError();
    const graceMs = this.deps.policy.reuseGraceSeconds * 1000;
    const rotation = await this.deps.store.rotate({ userId, familyId, presentedTokenId: tokenId, next, graceMs });
    switch (rotation.outcome) {
      case 'rotated':
        return this.session(claims, next, roles);
      case 'retried':
        return this.session(claims, rotation.current, roles);
      case 'reused':
        await this.deps.accessTokens.revokeSession(familyId);
        this.deps.audit.record({ event: 'session.replay_detected', outcome: 'refused', userId, sessionId: familyId });
        throw new InvalidRefreshTokenError();
      case 'unknown':
        throw new InvalidRefreshTokenError();
    }
  }

  /** Logout: the session's refresh token and every access token it produced stop working at once. */
  async end(userId: string, sessionId: string, reason: 'logout' | 'account_inactive' = 'logout'): Promise<void> {
    // Access tokens first: their revocation holds on this instance even while Redis is unreachable.
    await this.deps.accessTokens.revokeSession(sessionId);
    await this.deps.store.revoke(userId, sessionId);
    const actorId = reason === 'logout' ? { actorId: userId } : {};
    this.deps.audit.record({ event: 'session.ended', outcome: 'success', ...actorId, userId, sessionId, reason });
  }

  /** Password change, roles changed, account disabled: every session of the user ends, on every instance. */
  async endAll(userId: string): Promise<void> {
    const sessionIds = await this.deps.store.revokeAllOf(userId);
    await Promise.all(sessionIds.map((sessionId) => this.deps.accessTokens.revokeSession(sessionId)));
  }

  private grant(issuedAt: number, sessionEndsAt: number): RefreshTokenGrant {
    const expiresAt = Math.min(issuedAt + this.deps.policy.refreshTtlSeconds, sessionEndsAt);
    return { tokenId: randomUUID(), issuedAt, expiresAt };
  }

  private async session(
    claims: Omit<RefreshTokenClaims, 'tokenId'>,
    grant: RefreshTokenGrant,
    roles: readonly Role[],
  ): Promise<Session> {
    const refreshToken = await this.deps.refreshTokens.sign(claims, grant);
    const access = await this.deps.accessTokens.issue(claims.userId, claims.familyId, roles, claims.sessionEndsAt);
    const refreshTtlSeconds = Math.max(0, grant.expiresAt - this.nowSeconds());
    return { accessToken: access.token, expiresIn: access.expiresIn, refreshToken, refreshTtlSeconds };
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
