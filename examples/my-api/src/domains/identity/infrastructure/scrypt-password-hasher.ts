import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../application/ports';

const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
const BLOCK_SIZE = 8;
/**
 * OWASP lists N=2^17, p=1 and N=2^16, p=2 as equivalent: the same work per guess, but p=2 needs half the memory
 * (128 × N × r bytes: 64 MiB at N=2^16) while a hash runs, and several may run at once. p stays well above the
 * cheaper N=2^15, p=3 (32 MiB), where an attacker's guesses need a quarter of the memory each.
 */
const PARALLELIZATION = 2;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node refuses above `maxmem` (32 MiB by default), below OWASP's costs.
  const maxmem = 256 * (options.N ?? 0) * (options.r ?? 0);
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Hashes are stored as `scrypt$N$r$p$salt$key` so that a later cost change still verifies old hashes. */
export class ScryptPasswordHasher implements PasswordHasher {
  constructor(private readonly cost: number) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, { N: this.cost, r: BLOCK_SIZE, p: PARALLELIZATION });
    return ['scrypt', this.cost, BLOCK_SIZE, PARALLELIZATION, salt.toString('base64'), key.toString('base64')].join(
      '$',
    );
  }

  async verify(password: string, hash: string): Promise<boolean> {
    const [scheme, cost, blockSize, parallelization, salt, key] = hash.split('$');
    if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), {
      N: Number(cost),
      r: Number(blockSize),
      p: Number(parallelization),
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
