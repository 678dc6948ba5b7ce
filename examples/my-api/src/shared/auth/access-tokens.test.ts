import { SignJWT, UnsecuredJWT } from 'jose';
import { UnauthorizedError } from '../kernel/domain-error';
import { AccessTokens, type AccessTokenSettings } from './access-tokens';
import { InMemoryRevocationList } from './revocation-list';

const settings: AccessTokenSettings = {
  accessSecret: new TextEncoder().encode('a-test-secret-that-is-at-least-32-bytes-long'),
  issuer: 'api',
  audience: 'api',
  clientId: 'first-party',
  accessTtlSeconds: 900,
  failClosedRoles: ['admin'],
};

function claims(): SignJWT {
  return new SignJWT({ sid: 'session-1', roles: ['user'], client_id: 'first-party' })
    .setSubject('user-1')
    .setIssuer('api')
    .setAudience('api')
    .setJti('token-1')
    .setIssuedAt()
    .setExpirationTime('15m');
}

describe('AccessTokens', () => {
  const tokens = new AccessTokens(settings, new InMemoryRevocationList());

  it('verifies what it issues', async () => {
    const { token, expiresIn } = await tokens.issue('user-1', 'session-1', ['user']);
    expect(expiresIn).toBe(900);
    const principal = await tokens.verify(token);
    expect(principal.userId).toBe('user-1');
    expect(principal.tokenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(principal.roles).toEqual(['user']);
  });

  it('carries the roles and client_id of RFC 9068 (and refuses a token without them, or with unknown roles)', async () => {
    const { token } = await tokens.issue('user-1', 'session-1', ['admin', 'user']);
    const [, payload = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({
      roles: ['admin', 'user'],
      client_id: 'first-party',
    });
    const signed = (extra: Record<string, unknown>) =>
      new SignJWT({ sid: 'session-1', ...extra })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject('user-1')
        .setIssuer('api')
        .setAudience('api')
        .setJti('token-2')
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(settings.accessSecret);
    for (const claimsOfOurs of [
      { client_id: 'first-party' },
      { roles: ['user'] },
      { roles: ['superuser'], client_id: 'first-party' },
      { roles: [], client_id: 'first-party' },
      { roles: ['admin'], client_id: 'another-client' },
    ]) {
      await expect(tokens.verify(await signed(claimsOfOurs))).rejects.toThrow(UnauthorizedError);
    }
  });

  const forgeries: Record<string, () => Promise<string>> = {
    'alg none': () =>
      Promise.resolve(new UnsecuredJWT({ sub: 'user-1', jti: 'x' }).setIssuer('api').setAudience('api').encode()),
    'another algorithm (HS512)': () =>
      claims().setProtectedHeader({ alg: 'HS512', typ: 'at+jwt' }).sign(settings.accessSecret),
    'a missing type': () => claims().setProtectedHeader({ alg: 'HS256' }).sign(settings.accessSecret),
    'a refresh token type': () =>
      claims().setProtectedHeader({ alg: 'HS256', typ: 'refresh+jwt' }).sign(settings.accessSecret),
    'a wrong issuer': () =>
      claims()
        .setIssuer('someone-else')
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .sign(settings.accessSecret),
    'a wrong audience': () =>
      claims().setAudience('other').setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).sign(settings.accessSecret),
    'another secret': () =>
      claims()
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .sign(new TextEncoder().encode('another-secret-that-is-at-least-32-bytes')),
    'an expiry beyond the tolerance': () =>
      claims()
        .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .sign(settings.accessSecret),
    'a tampered payload': async () => {
      const [header, , signature] = (await tokens.issue('user-1', 'session-1', ['user'])).token.split('.');
      const payload = Buffer.from(JSON.stringify({ sub: 'admin', iss: 'api', aud: 'api', jti: 'x', exp: 9999999999 }));
      return `${header}.${payload.toString('base64url')}.${signature}`;
    },
  };

  it.each(Object.keys(forgeries))('rejects a token with %s', async (kind) => {
    const forge = forgeries[kind];
    if (forge === undefined) throw new Error(kind);
    await expect(tokens.verify(await forge())).rejects.toThrow(UnauthorizedError);
  });

  it('rejects every token of a revoked session, even one verified before', async () => {
    const first = await tokens.issue('user-1', 'session-to-end', ['user']);
    const second = await tokens.issue('user-1', 'session-to-end', ['user']);
    const other = await tokens.issue('user-1', 'session-that-stays', ['user']);
    await tokens.verify(first.token);
    await tokens.revokeSession('session-to-end');
    await expect(tokens.verify(first.token)).rejects.toMatchObject({ code: 'token_revoked' });
    await expect(tokens.verify(second.token)).rejects.toMatchObject({ code: 'token_revoked' });
    expect((await tokens.verify(other.token)).sessionId).toBe('session-that-stays');
  });

  it("refuses a fail-closed role's token while revocations made elsewhere are unknown, and accepts the others", async () => {
    const unknown = new AccessTokens(settings, {
      revoke: () => Promise.resolve(),
      isRevoked: () => Promise.resolve(undefined),
    });
    const admin = await unknown.issue('user-1', 'session-1', ['admin', 'user']);
    const user = await unknown.issue('user-2', 'session-2', ['user']);
    await expect(unknown.verify(admin.token)).rejects.toMatchObject({
      code: 'revocations_unavailable',
      kind: 'unavailable',
    });
    expect((await unknown.verify(user.token)).userId).toBe('user-2');
    const failOpen = new AccessTokens(
      { ...settings, failClosedRoles: [] },
      { revoke: () => Promise.resolve(), isRevoked: () => Promise.resolve(undefined) },
    );
    expect((await failOpen.verify(admin.token)).userId).toBe('user-1');
  });

  it('requires the session claim', async () => {
    const withoutSession = await new SignJWT({})
      .setSubject('user-1')
      .setIssuer('api')
      .setAudience('api')
      .setJti('token-1')
      .setIssuedAt()
      .setExpirationTime('15m')
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .sign(settings.accessSecret);
    await expect(tokens.verify(withoutSession)).rejects.toThrow(UnauthorizedError);
  });
});
