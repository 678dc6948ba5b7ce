import { ScryptPasswordHasher } from './scrypt-password-hasher';

/** 'correct horse battery', hashed by the hasher when its default was N = 2^17, r = 8, p = 1. */
const EARLIER_DEFAULT_HASH =
  'scrypt$131072$8$1$rS6ID9lzHG4PHPPjdh6gGQ==$dQqbbhG1CDNujjvz4Dt0o2s8twH/tuwei9hV/Y8v/pFys1Af3iWuTZa1/mFKt6vBrtKVkKZh9hVleyuFdqAHEg==';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher(1024);

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$1024\$8\$2\$/);
    expect(await hasher.verify('correct horse battery', hash)).toBe(true);
    expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies hashes made at another cost (the cost is stored in the hash)', async () => {
    const old = await new ScryptPasswordHasher(2048).hash('correct horse battery');
    expect(await hasher.verify('correct horse battery', old)).toBe(true);
  });

  it('uses the default cost (N = 2^16, p = 2) without exceeding memory limits', async () => {
    const owasp = new ScryptPasswordHasher(2 ** 16);
    const hash = await owasp.hash('pw');
    expect(hash).toMatch(/^scrypt\$65536\$8\$2\$/);
    expect(await owasp.verify('pw', hash)).toBe(true);
  });

  it('verifies hashes of the earlier default (N = 2^17, p = 1): their cost is in them', async () => {
    // At the real cost each check takes a thread of libuv's pool for a while: both at once.
    const checks = ['correct horse battery', 'correct horse batterY'].map((password) =>
      hasher.verify(password, EARLIER_DEFAULT_HASH),
    );
    expect(await Promise.all(checks)).toEqual([true, false]);
  });

  it('rejects malformed hashes', async () => {
    expect(await hasher.verify('x', 'bcrypt$whatever')).toBe(false);
  });
});
