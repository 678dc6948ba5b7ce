/** Ports the identity use cases need besides the UserRepository; adapters live in `../infrastructure`. */

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/** One refresh token: its id and validity (epoch seconds), all it takes to sign the very same token again. */
export interface RefreshTokenGrant {
  readonly tokenId: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface RefreshTokenClaims {
  readonly userId: string;
  readonly tokenId: string;
  /** The session: every refresh token descends from one login; reuse of an old one ends the whole family. */
  readonly familyId: string;
  /** When the session ends however often it is refreshed (epoch seconds): no token of it lives longer. */
  readonly sessionEndsAt: number;
}

export interface RefreshTokenCodec {
  /** The same inputs sign the same token, so a retried refresh can be answered with the token already issued. */
  sign(claims: Omit<RefreshTokenClaims, 'tokenId'>, grant: RefreshTokenGrant): Promise<string>;
  /** Throws InvalidRefreshTokenError for anything but a well-formed, unexpired refresh token of ours. */
  verify(token: string): Promise<RefreshTokenClaims>;
}

export interface NewRefreshSession {
  readonly userId: string;
  /** The user's generation read before the login looked at the account (see RefreshSessionStore.generation). */
  readonly generation: number;
  readonly familyId: string;
  readonly first: RefreshTokenGrant;
  /** Epoch seconds; the store forgets the family by then at the latest. */
  readonly endsAt: number;
}

export interface RotationRequest {
  readonly userId: string;
  readonly familyId: string;
  readonly presentedTokenId: string;
  readonly next: RefreshTokenGrant;
  /** How long the token just rotated away still answers (with the current one), for retries and parallel tabs. */
  readonly graceMs: number;
}

export type Rotation =
  | { readonly outcome: 'rotated' }
  /** The previous token, within the grace period: the family's current token, unchanged. */
  | { readonly outcome: 'retried'; readonly current: RefreshTokenGrant }
  /** An older token (a replay): the family has been revoked. */
  | { readonly outcome: 'reused' }
  | { readonly outcome: 'unknown' };

/**
 * The one live refresh token of each family, and each user's families. Rotation is atomic, and a user's index of
 * families never expires before a family it lists, so ending every session of a user finds them all.
 */
export interface RefreshSessionStore {
  /** Moves on each time every session of the user ends: a login that read an older one starts no session. */
  generation(userId: string): Promise<number>;
  /** False, and nothing stored, when the user's generation has moved on since `session.generation`. */
  start(session: NewRefreshSession): Promise<boolean>;
  rotate(request: RotationRequest): Promise<Rotation>;
  revoke(userId: string, familyId: string): Promise<void>;
  /** Revokes every family of the user and moves its generation on; returns their ids. */
  revokeAllOf(userId: string): Promise<readonly string[]>;
}
