import { injectSecrets, randomSecret } from './secrets';

describe('injectSecrets', () => {
  it('gives every JWT_…SECRET line its own value and leaves the other lines alone', () => {
    let counter = 0;
    const example = 'PORT=3000\nJWT_ACCESS_SECRET=change-me\n# JWT_COMMENTED_SECRET=no\nJWT_REFRESH_SECRET=\nJWT_ISSUER=api\n';
    expect(injectSecrets(example, () => `s${++counter}`)).toBe(
      'PORT=3000\nJWT_ACCESS_SECRET=s1\n# JWT_COMMENTED_SECRET=no\nJWT_REFRESH_SECRET=s2\nJWT_ISSUER=api\n',
    );
  });

  it('keeps CRLF line endings', () => {
    expect(injectSecrets('JWT_SECRET=x\r\nA=1\r\n', () => 'new')).toBe('JWT_SECRET=new\r\nA=1\r\n');
  });
});

describe('randomSecret', () => {
  it('is 48 random bytes in base64url (64 characters), different each time', () => {
    const first = randomSecret();
    expect(first).toMatch(/^[A-Za-z0-9_-]{64}$/);
    expect(randomSecret()).not.toBe(first);
  });
});
