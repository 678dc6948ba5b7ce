const DEFAULT_CAPACITY = 10_000;

/**
 * Remembers tokens whose signature and claims were already verified, until they expire. Verifying an HS256 JWT
 * through WebCrypto costs about ten times a cache hit; revocation is still checked on every request.
 */
export class VerifiedTokenCache<T> {
  private readonly entries = new Map<string, { readonly value: T; readonly expiresAt: number }>();

  constructor(
    private readonly capacity = DEFAULT_CAPACITY,
    private readonly nowSeconds: () => number = () => Date.now() / 1000,
  ) {}

  get(token: string): T | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= this.nowSeconds()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.value;
  }

  set(token: string, value: T, expiresAt: number): void {
    if (this.entries.size >= this.capacity) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
    this.entries.set(token, { value, expiresAt });
  }
}
