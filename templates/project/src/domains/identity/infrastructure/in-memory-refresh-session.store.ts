import type {
  NewRefreshSession,
  RefreshSessionStore,
  RefreshTokenGrant,
  Rotation,
  RotationRequest,
} from '../application/ports';

interface Family {
  readonly userId: string;
  readonly current: RefreshTokenGrant;
  /** The token rotated away last, and when (epoch ms): it answers for the grace period. */
  readonly previous?: { readonly tokenId: string; readonly rotatedAt: number };
  readonly endsAt: number;
}

/** For the embedded default (no Redis): correct for one process only. Same rules as the Redis store. */
export class InMemoryRefreshSessionStore implements RefreshSessionStore {
  private readonly families = new Map<string, Family>();
  private readonly generations = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  generation(userId: string): Promise<number> {
    return Promise.resolve(this.generations.get(userId) ?? 0);
  }

  start({ userId, generation, familyId, first, endsAt }: NewRefreshSession): Promise<boolean> {
    if ((this.generations.get(userId) ?? 0) !== generation) return Promise.resolve(false);
    for (const [id, family] of this.families) if (!this.isLive(family)) this.families.delete(id);
    this.families.set(familyId, { userId, current: first, endsAt });
    return Promise.resolve(true);
  }

  rotate({ userId, familyId, presentedTokenId, next, graceMs }: RotationRequest): Promise<Rotation> {
    const family = this.families.get(familyId);
    if (family?.userId !== userId || !this.isLive(family)) {
      this.families.delete(familyId);
      return Promise.resolve({ outcome: 'unknown' });
    }
    const now = this.now();
    if (family.current.tokenId === presentedTokenId) {
      const previous = { tokenId: presentedTokenId, rotatedAt: now };
      this.families.set(familyId, { ...family, current: next, previous });
      return Promise.resolve({ outcome: 'rotated' });
    }
    const { previous } = family;
    if (previous?.tokenId === presentedTokenId && now - previous.rotatedAt < graceMs) {
      return Promise.resolve({ outcome: 'retried', current: family.current });
    }
    this.families.delete(familyId);
    return Promise.resolve({ outcome: 'reused' });
  }

  revoke(userId: string, familyId: string): Promise<void> {
    if (this.families.get(familyId)?.userId === userId) this.families.delete(familyId);
    return Promise.resolve();
  }

  revokeAllOf(userId: string): Promise<readonly string[]> {
    const owned = [...this.families].filter(([, family]) => family.userId === userId).map(([id]) => id);
    for (const familyId of owned) this.families.delete(familyId);
    this.generations.set(userId, (this.generations.get(userId) ?? 0) + 1);
    return Promise.resolve(owned);
  }

  private isLive(family: Family): boolean {
    const now = this.now();
    return now < family.current.expiresAt * 1000 && now < family.endsAt * 1000;
  }
}
