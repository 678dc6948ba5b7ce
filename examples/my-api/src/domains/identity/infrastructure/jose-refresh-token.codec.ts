import { jwtVerify, SignJWT } from 'jose';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { RefreshTokenClaims, RefreshTokenCodec, RefreshTokenGrant } from '../application/ports';

/** Its own type, secret and audience suffix: a refresh token can never pass as an access token, or back. */
const REFRESH_TOKEN_TYPE = 'refresh+jwt';
const ALGORITHM = 'HS256';

export interface RefreshTokenSettings {
  readonly refreshSecret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
}

/** HS256 is deterministic: the same claims and grant sign the same token, which a retried refresh relies on. */
export class JoseRefreshTokenCodec implements RefreshTokenCodec {
  constructor(private readonly settings: RefreshTokenSettings) {}

  sign(claims: Omit<RefreshTokenClaims, 'tokenId'>, grant: RefreshTokenGrant): Promise<string> {
    return new SignJWT({ fam: claims.familyId, send: claims.sessionEndsAt })
      .setProtectedHeader({ alg: ALGORITHM, typ: REFRESH_TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(this.settings.issuer)
      .setAudience(`${this.settings.audience}:refresh`)
      .setJti(grant.tokenId)
      .setIssuedAt(grant.issuedAt)
      .setExpirationTime(grant.expiresAt)
      .sign(this.settings.refreshSecret);
  }

  async verify(token: string): Promise<RefreshTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.settings.refreshSecret, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: `${this.settings.audience}:refresh`,
        typ: REFRESH_TOKEN_TYPE,
        requiredClaims: ['sub', 'jti', 'exp', 'fam', 'send'],
      });
      const { fam, send } = payload;
      if (typeof fam !== 'string' || typeof send !== 'number') throw new InvalidRefreshTokenError();
      return { userId: String(payload.sub), tokenId: String(payload.jti), familyId: fam, sessionEndsAt: send };
    } catch {
      throw new InvalidRefreshTokenError();
    }
  }
}
