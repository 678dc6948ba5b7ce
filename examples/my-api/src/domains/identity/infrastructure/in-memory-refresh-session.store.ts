import type { RefreshSessionStore, RotationOutcome } from '../application/ports';

/** For the embedded default (no Redis): correct for one process only. */
export class InMemoryRefreshSessionStore implements RefreshSessionStore {
  private readonly families = new Map<string, { tokenId: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  start(familyId: string, tokenId: string, ttlSeconds: number): Promise<void> {
    this.families.set(familyId, { tokenId, expiresAt: this.now() + ttlSeconds * 1000 });
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
}
