import { InvalidCredentialsError, InvalidRefreshTokenError } from '../domain/identity.errors';
import { testAccessTokens } from '../../../shared/testing/access-tokens';
import { InMemoryRefreshSessionStore } from '../infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from '../infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from '../infrastructure/jose-refresh-token.codec';
import { ScryptPasswordHasher } from '../infrastructure/scrypt-password-hasher';
import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import { MemoryAuditLog } from '../../../shared/infrastructure/audit-log';
import { ChangePassword } from './change-password.use-case';
import { LogIn } from './log-in.use-case';
import { RegisterUser } from './register-user.use-case';
import { type Session, Sessions } from './sessions';

/** Epoch ms that the test moves; it starts now, so that the tokens it signs are not yet expired for jose. */
function fakeClock() {
  let now = Date.now();
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const secret = (label: string) => new TextEncoder().encode(`${label}-secret-that-is-long-enough-for-hs256`);

/** What the refresh route does: verify the cookie's token, then rotate it. */
async function refresh(sessions: Sessions, refreshToken: string): Promise<Session> {
  return sessions.refresh(await sessions.verify(refreshToken));
}

function activeRolesIn(users: InMemoryUserRepository) {
  return async (userId: string) => (await users.findById(userId))?.activeRoles;
}

const POLICY = { refreshTtlSeconds: 600, maxLifetimeSeconds: 3600, reuseGraceSeconds: 10 };

function identity(options: { now?: () => number; policy?: Partial<typeof POLICY> } = {}) {
  const users = new InMemoryUserRepository();
  const hasher = new ScryptPasswordHasher(1024);
  const accessTokens = testAccessTokens();
  const codec = new JoseRefreshTokenCodec({ refreshSecret: secret('refresh'), issuer: 'api', audience: 'api' });
  const audit = new MemoryAuditLog();
  const store = new InMemoryRefreshSessionStore(options.now);
  const sessions = new Sessions({
    accessTokens,
    refreshTokens: codec,
    store,
    activeRoles: activeRolesIn(users),
    policy: { ...POLICY, ...options.policy },
    audit,
    ...(options.now !== undefined && { now: options.now }),
  });
  return {
    store,
    users,
    hasher,
    codec,
    audit,
    changePassword: new ChangePassword(users, hasher, sessions, audit),
    register: new RegisterUser(users, hasher),
    logIn: new LogIn(users, hasher, sessions, hasher.hash('decoy password value')),
    sessions,
    accessTokens,
  };
}

describe('identity use cases', () => {
  it('registers, logs in and refreshes', async () => {
    const { register, logIn, sessions, accessTokens } = identity();
    const user = await register.execute({ email: 'Ada@Example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    expect((await accessTokens.verify(session.accessToken)).userId).toBe(user.id);
    const next = await refresh(sessions, session.refreshToken);
    expect(next.refreshToken).not.toBe(session.refreshToken);
  });

  it('rejects a wrong password with the same error as an unknown user', async () => {
    const { register, logIn } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    await expect(logIn.execute({ email: 'ada@example.com', password: 'wrong horse battery' })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await expect(logIn.execute({ email: 'bob@example.com', password: 'correct horse battery' })).rejects.toThrow(
      InvalidCredentialsError,
    );
  });

  it('verifies a password even for an unknown email, so both failures cost the same', async () => {
    const { users, hasher, sessions } = identity();
    const verify = jest.spyOn(hasher, 'verify');
    const logIn = new LogIn(users, hasher, sessions, hasher.hash('decoy password value'));
    await expect(logIn.execute({ email: 'nobody@example.com', password: 'correct horse battery' })).rejects.toThrow(
      InvalidCredentialsError,
    );
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it("ends the whole session on a replay after the grace period: refresh and access tokens, the thief's too", async () => {
    const clock = fakeClock();
    const { register, logIn, sessions, accessTokens, audit } = identity({ now: clock.now });
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { sessionId } = await accessTokens.verify(session.accessToken);
    const thiefs = await refresh(sessions, session.refreshToken);
    clock.advance(POLICY.reuseGraceSeconds * 1000);
    await expect(refresh(sessions, session.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    await expect(refresh(sessions, thiefs.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    await expect(accessTokens.verify(thiefs.accessToken)).rejects.toMatchObject({ code: 'token_revoked' });
    await expect(accessTokens.verify(session.accessToken)).rejects.toMatchObject({ code: 'token_revoked' });
    expect(audit.events).toEqual([
      { event: 'session.replay_detected', outcome: 'refused', userId: user.id, sessionId },
    ]);
  });

  it('answers two refreshes of one token (two tabs, a retry) with the same new refresh token', async () => {
    const clock = fakeClock();
    const { register, logIn, sessions, accessTokens } = identity({ now: clock.now });
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const [first, second] = await Promise.all([
      refresh(sessions, session.refreshToken),
      refresh(sessions, session.refreshToken),
    ]);
    expect(second.refreshToken).toBe(first.refreshToken);
    clock.advance(POLICY.reuseGraceSeconds * 1000 - 1);
    expect((await refresh(sessions, session.refreshToken)).refreshToken).toBe(first.refreshToken);
    await expect(accessTokens.verify(second.accessToken)).resolves.toBeDefined();
    await expect(refresh(sessions, first.refreshToken)).resolves.toBeDefined();
  });

  it('starts no session for a login whose password check a password change overtook', async () => {
    const { register, users, sessions, changePassword, hasher } = identity();
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    let checked!: () => void;
    const passwordChecked = new Promise<void>((resolve) => (checked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const verify = hasher.verify.bind(hasher);
    const slow = { hash: (password: string) => hasher.hash(password), verify: jest.fn(verify) };
    slow.verify.mockImplementationOnce(async (password, hash) => {
      const matches = await verify(password, hash);
      checked();
      await released;
      return matches;
    });
    const logIn = new LogIn(users, slow, sessions, hasher.hash('decoy password value'));
    const login = logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    await passwordChecked;
    await changePassword.execute(user.id, {
      currentPassword: 'correct horse battery',
      newPassword: 'new horse battery',
    });
    release();
    await expect(login).rejects.toThrow(InvalidCredentialsError);
  });

  it('starts a session only under the generation read before the account: a later end of every session refuses it', async () => {
    const { register, logIn, sessions } = identity();
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const generation = await sessions.generation(user.id);
    await sessions.endAll(user.id);
    expect(await sessions.start(user.id, user.roles, generation)).toBeUndefined();
    await expect(logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' })).resolves.toBeDefined();
  });

  it('refuses the access tokens of a session at logout even when the session store fails', async () => {
    const { register, logIn, sessions, accessTokens, store } = identity();
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { sessionId } = await accessTokens.verify(session.accessToken);
    jest.spyOn(store, 'revoke').mockRejectedValueOnce(new Error('Redis is unreachable'));
    await expect(sessions.end(user.id, sessionId)).rejects.toThrow('Redis is unreachable');
    await expect(accessTokens.verify(session.accessToken)).rejects.toMatchObject({ code: 'token_revoked' });
  });

  it('reads the roles before rotating: a failed read leaves the presented token usable', async () => {
    const { register, logIn, sessions, users } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    jest.spyOn(users, 'findById').mockRejectedValueOnce(new Error('database hiccup'));
    await expect(refresh(sessions, session.refreshToken)).rejects.toThrow('database hiccup');
    await expect(refresh(sessions, session.refreshToken)).resolves.toBeDefined();
  });

  it('ends a session at its absolute lifetime, however often it was refreshed', async () => {
    const clock = fakeClock();
    const { register, logIn, sessions, codec } = identity({ now: clock.now });
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    let current = (await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' })).session;
    const claims = await codec.verify(current.refreshToken);
    expect(claims.sessionEndsAt - Math.floor(clock.now() / 1000)).toBe(POLICY.maxLifetimeSeconds);
    for (let elapsed = 0; elapsed + POLICY.refreshTtlSeconds / 2 < POLICY.maxLifetimeSeconds;) {
      clock.advance((POLICY.refreshTtlSeconds / 2) * 1000);
      elapsed += POLICY.refreshTtlSeconds / 2;
      current = await sessions.refresh({ ...(await codec.verify(current.refreshToken)) });
      expect(current.refreshTtlSeconds).toBeLessThanOrEqual(POLICY.maxLifetimeSeconds - elapsed);
    }
    clock.advance((POLICY.refreshTtlSeconds / 2) * 1000);
    await expect(sessions.refresh(await codec.verify(current.refreshToken))).rejects.toThrow(InvalidRefreshTokenError);
  });

  it('ends a session on logout: its refresh token and every access token it produced', async () => {
    const { register, logIn, sessions, accessTokens } = identity();
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const rotated = await refresh(sessions, session.refreshToken);
    const { sessionId } = await accessTokens.verify(rotated.accessToken);
    await sessions.end(user.id, sessionId);
    await expect(refresh(sessions, rotated.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    await expect(accessTokens.verify(session.accessToken)).rejects.toThrow(UnauthorizedError);
    await expect(accessTokens.verify(rotated.accessToken)).rejects.toThrow(UnauthorizedError);
  });

  it('changes a password: every session ends, the old password stops working', async () => {
    const { register, logIn, sessions, accessTokens, changePassword } = identity();
    const user = await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const phone = (await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' })).session;
    const laptop = (await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' })).session;
    await expect(
      changePassword.execute(user.id, { currentPassword: 'wrong horse battery', newPassword: 'new horse battery' }),
    ).rejects.toThrow(InvalidCredentialsError);
    await changePassword.execute(user.id, {
      currentPassword: 'correct horse battery',
      newPassword: 'new horse battery',
    });
    for (const session of [phone, laptop]) {
      await expect(refresh(sessions, session.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
      await expect(accessTokens.verify(session.accessToken)).rejects.toThrow(UnauthorizedError);
    }
    await expect(logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' })).rejects.toThrow(
      InvalidCredentialsError,
    );
    await expect(logIn.execute({ email: 'ada@example.com', password: 'new horse battery' })).resolves.toBeDefined();
  });
});
