import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { UnauthorizedError, UnavailableError } from '../kernel/domain-error';
import { isRole, type Role } from '../kernel/roles';
import type { RevocationCheck } from './revocation-list';
import { VerifiedTokenCache } from './verified-token-cache';

/** RFC 9068: access tokens are typed so that no other JWT (a refresh token, an ID token) passes as one. */
const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 5;
/** How soon a client refused while revocations are unknown should try again. */
const REVOCATIONS_UNKNOWN_RETRY_SECONDS = 5;

export interface Principal {
  readonly userId: string;
  readonly tokenId: string;
  /** The login this token descends from (its refresh-token family): revoking it revokes all its tokens. */
  readonly sessionId: string;
  /** Never empty; a change of roles ends every session of the user, so these are current. */
  readonly roles: readonly Role[];
  readonly expiresAt: number;
}

/** Who is acting, as policies see them. */
export type Actor = Pick<Principal, 'userId' | 'roles'>;

export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
}

export interface AccessTokenSettings {
  readonly accessSecret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  /** RFC 9068 `client_id`: the client the tokens are issued to (this service's own clients). */
  readonly clientId: string;
  readonly accessTtlSeconds: number;
  /** Tokens with one of these roles are refused (503) while revocations made elsewhere cannot be known. */
  readonly failClosedRoles: readonly Role[];
}

/** Port: what sessions and the authentication middleware need of access tokens. */
export interface AccessTokenService {
  /** Valid for the access-token lifetime, and never past `notAfter` (epoch seconds: its session's end). */
  issue(userId: string, sessionId: string, roles: readonly Role[], notAfter?: number): Promise<IssuedAccessToken>;
  verify(token: string): Promise<Principal>;
  revokeSession(sessionId: string): Promise<void>;
}

export class AccessTokens implements AccessTokenService {
  private readonly verified = new VerifiedTokenCache<Principal>();

  constructor(
    private readonly settings: AccessTokenSettings,
    private readonly revocations: RevocationCheck,
  ) {}

  async issue(
    userId: string,
    sessionId: string,
    roles: readonly Role[],
    notAfter = Infinity,
  ): Promise<IssuedAccessToken> {
    const now = Math.floor(Date.now() / 1000);
    const expiresIn = Math.max(0, Math.min(this.settings.accessTtlSeconds, notAfter - now));
    const token = await new SignJWT({ sid: sessionId, roles: [...roles], client_id: this.settings.clientId })
      .setProtectedHeader({ alg: ALGORITHM, typ: ACCESS_TOKEN_TYPE })
      .setSubject(userId)
      .setIssuer(this.settings.issuer)
      .setAudience(this.settings.audience)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .sign(this.settings.accessSecret);
    return { token, expiresIn };
  }

  /**
   * Throws UnauthorizedError for any token that is not a live access token of ours, and UnavailableError for a
   * token of a fail-closed role while its session may have been revoked on another instance, unknown to this one.
   */
  async verify(token: string): Promise<Principal> {
    const principal = this.verified.get(token) ?? (await this.verifySignature(token));
    const revoked = await this.revocations.isRevoked(principal.sessionId);
    if (revoked === true) throw new UnauthorizedError('Access token has been revoked', 'token_revoked');
    if (revoked === undefined && principal.roles.some((role) => this.settings.failClosedRoles.includes(role))) {
      const message = 'Sessions cannot be checked right now; retry shortly';
      throw new UnavailableError(message, 'revocations_unavailable', REVOCATIONS_UNKNOWN_RETRY_SECONDS);
    }
    return principal;
  }

  /** Every access token of the session stops working; none outlives the access-token lifetime from now. */
  async revokeSession(sessionId: string): Promise<void> {
    const lastExpiry = Math.floor(Date.now() / 1000) + this.settings.accessTtlSeconds + CLOCK_TOLERANCE_SECONDS;
    await this.revocations.revoke(sessionId, lastExpiry);
  }

  private async verifySignature(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.settings.accessSecret, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        typ: ACCESS_TOKEN_TYPE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'jti', 'exp', 'iat', 'sid', 'roles', 'client_id'],
      });
      const { roles, client_id: clientId } = payload;
      // Signed by us, but from another client or with roles this version does not know: not a token to trust.
      if (clientId !== this.settings.clientId || !Array.isArray(roles) || roles.length === 0 || !roles.every(isRole)) {
        throw new UnauthorizedError('Invalid or expired access token', 'invalid_token');
      }
      const principal = {
        userId: String(payload.sub),
        tokenId: String(payload.jti),
        sessionId: String(payload.sid),
        roles,
        expiresAt: Number(payload.exp),
      };
      this.verified.set(token, principal, principal.expiresAt + CLOCK_TOLERANCE_SECONDS);
      return principal;
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) {
        throw new UnauthorizedError('Invalid or expired access token', 'invalid_token');
      }
      throw error;
    }
  }
}
