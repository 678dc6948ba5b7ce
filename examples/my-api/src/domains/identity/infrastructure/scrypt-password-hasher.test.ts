import { ScryptPasswordHasher } from './scrypt-password-hasher';

describe('ScryptPasswordHasher', () => {
  const hasher = new ScryptPasswordHasher(1024);

  it('verifies the right password only', async () => {
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
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

  it('uses the OWASP cost (N = 2^17) without exceeding memory limits', async () => {
    const owasp = new ScryptPasswordHasher(2 ** 17);
    expect(await owasp.verify('pw', await owasp.hash('pw'))).toBe(true);
  });

  it('rejects malformed hashes', async () => {
    expect(await hasher.verify('x', 'bcrypt$whatever')).toBe(false);
  });
});
