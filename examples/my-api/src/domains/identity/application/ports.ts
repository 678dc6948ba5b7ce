/** Ports the identity use cases need besides the UserRepository; adapters live in `../infrastructure`. */

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

export interface RefreshTokenClaims {
  readonly userId: string;
  readonly tokenId: string;
  /** Every refresh token descends from one login; reuse of an old one revokes the whole family. */
  readonly familyId: string;
}

export interface IssuedRefreshToken {
  readonly token: string;
  readonly tokenId: string;
  readonly ttlSeconds: number;
}

export interface RefreshTokenCodec {
  issue(userId: string, familyId: string): Promise<IssuedRefreshToken>;
  /** Throws InvalidRefreshTokenError for anything but a well-formed, unexpired refresh token of ours. */
  verify(token: string): Promise<RefreshTokenClaims>;
}

export type RotationOutcome = 'rotated' | 'reused' | 'unknown';

/** Remembers the one live refresh token of each family, and each user's families. Rotation must be atomic. */
export interface RefreshSessionStore {
  start(familyId: string, userId: string, tokenId: string, ttlSeconds: number): Promise<void>;
  /** `reused` when `presentedTokenId` is an older token of the family: the family is then revoked. */
  rotate(familyId: string, presentedTokenId: string, nextTokenId: string, ttlSeconds: number): Promise<RotationOutcome>;
  revoke(familyId: string): Promise<void>;
  /** Revokes every family of the user; returns their ids. */
  revokeAllOf(userId: string): Promise<readonly string[]>;
}
