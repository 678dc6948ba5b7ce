import type { RefreshSessionStore, RotationOutcome } from '../application/ports';

/** For the embedded default (no Redis): correct for one process only. */
export class InMemoryRefreshSessionStore implements RefreshSessionStore {
  private readonly families = new Map<string, { tokenId: string; expiresAt: number }>();
  private readonly familiesByUser = new Map<string, Set<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  start(familyId: string, userId: string, tokenId: string, ttlSeconds: number): Promise<void> {
    this.families.set(familyId, { tokenId, expiresAt: this.now() + ttlSeconds * 1000 });
    const owned = this.familiesByUser.get(userId) ?? new Set<string>();
    for (const id of owned) if (!this.families.has(id)) owned.delete(id);
    this.familiesByUser.set(userId, owned.add(familyId));
    return Promise.resolve();
  }

  rotate(
    familyId: string,
    presentedTokenId: string,
    nextTokenId: string,
    ttlSeconds: number,
  ): Promise<RotationOutcome> {
    const family = this.families.get(familyId);
    if (family === undefined || family.expiresAt <= this.now()) {
      this.families.delete(familyId);
      return Promise.resolve('unknown');
    }
    if (family.tokenId !== presentedTokenId) {
      this.families.delete(familyId);
      return Promise.resolve('reused');
    }
    this.families.set(familyId, { tokenId: nextTokenId, expiresAt: this.now() + ttlSeconds * 1000 });
    return Promise.resolve('rotated');
  }

  revoke(familyId: string): Promise<void> {
    this.families.delete(familyId);
    return Promise.resolve();
  }

  revokeAllOf(userId: string): Promise<readonly string[]> {
    const owned = [...(this.familiesByUser.get(userId) ?? [])];
    for (const familyId of owned) this.families.delete(familyId);
    this.familiesByUser.delete(userId);
    return Promise.resolve(owned);
  }
}
