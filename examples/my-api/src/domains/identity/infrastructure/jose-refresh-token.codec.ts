import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { InvalidRefreshTokenError } from '../domain/identity.errors';
import type { IssuedRefreshToken, RefreshTokenClaims, RefreshTokenCodec } from '../application/ports';

/** Its own type, secret and audience suffix: a refresh token can never pass as an access token, or back. */
const REFRESH_TOKEN_TYPE = 'refresh+jwt';
const ALGORITHM = 'HS256';

export interface RefreshTokenSettings {
  readonly refreshSecret: Uint8Array;
  readonly issuer: string;
  readonly audience: string;
  readonly refreshTtlSeconds: number;
}

export class JoseRefreshTokenCodec implements RefreshTokenCodec {
  constructor(private readonly settings: RefreshTokenSettings) {}

  async issue(userId: string, familyId: string): Promise<IssuedRefreshToken> {
    const tokenId = randomUUID();
    const token = await new SignJWT({ fam: familyId })
      .setProtectedHeader({ alg: ALGORITHM, typ: REFRESH_TOKEN_TYPE })
      .setSubject(userId)
      .setIssuer(this.settings.issuer)
      .setAudience(`${this.settings.audience}:refresh`)
      .setJti(tokenId)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.refreshTtlSeconds}s`)
      .sign(this.settings.refreshSecret);
    return { token, tokenId, ttlSeconds: this.settings.refreshTtlSeconds };
  }

  async verify(token: string): Promise<RefreshTokenClaims> {
    try {
      const { payload } = await jwtVerify(token, this.settings.refreshSecret, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: `${this.settings.audience}:refresh`,
        typ: REFRESH_TOKEN_TYPE,
        requiredClaims: ['sub', 'jti', 'exp', 'fam'],
      });
      if (typeof payload.fam !== 'string') throw new InvalidRefreshTokenError();
      return { userId: String(payload.sub), tokenId: String(payload.jti), familyId: payload.fam };
    } catch {
      throw new InvalidRefreshTokenError();
    }
  }
}
