import { UnavailableError } from '../../../shared/kernel/domain-error';
import type { PasswordHasher } from '../application/ports';

export interface HashingBound {
  /** Hashes and verifications running at once. */
  readonly concurrency: number;
  /** How many more may wait for one of them. */
  readonly queue: number;
}

/**
 * At most `concurrency` hashes at once, `queue` more waiting; past both, `UnavailableError` (503 with Retry-After)
 * at once instead of a longer queue. scrypt runs on libuv's thread pool, which file I/O and DNS lookups share, and
 * each hash holds its memory (64 MiB at the default cost) while it runs: unbounded, a burst of logins (unknown
 * emails hash too) would take every thread and that much memory per request.
 */
export class BoundedPasswordHasher implements PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly inner: PasswordHasher,
    private readonly bound: HashingBound,
  ) {}

  hash(password: string): Promise<string> {
    return this.bounded(() => this.inner.hash(password));
  }

  verify(password: string, hash: string): Promise<boolean> {
    return this.bounded(() => this.inner.verify(password, hash));
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.bound.concurrency) {
      this.running += 1;
    } else if (this.waiting.length < this.bound.queue) {
      // Woken by a finishing hash, which hands over its slot: `running` stays as it is.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new UnavailableError('Too many password checks at once; retry in a moment', 'hashing_busy');
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next === undefined) this.running -= 1;
      else next();
    }
  }
}
