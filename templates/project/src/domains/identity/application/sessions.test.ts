import { InMemoryRevocationList } from '../../../shared/auth/revocation-list';
import { AccessTokens } from '../../../shared/auth/access-tokens';
import { InvalidCredentialsError, InvalidRefreshTokenError } from '../domain/identity.errors';
import { InMemoryRefreshSessionStore } from '../infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from '../infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from '../infrastructure/jose-refresh-token.codec';
import { ScryptPasswordHasher } from '../infrastructure/scrypt-password-hasher';
import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import { ChangePassword } from './change-password.use-case';
import { LogIn } from './log-in.use-case';
import { RegisterUser } from './register-user.use-case';
import { type Session, Sessions } from './sessions';

const secret = (label: string) => new TextEncoder().encode(`${label}-secret-that-is-long-enough-for-hs256`);

/** What the refresh route does: verify the cookie's token, then rotate it. */
async function refresh(sessions: Sessions, refreshToken: string): Promise<Session> {
  return sessions.refresh(await sessions.verify(refreshToken));
}

function activeRolesIn(users: InMemoryUserRepository) {
  return async (userId: string) => (await users.findById(userId))?.activeRoles;
}

function identity() {
  const users = new InMemoryUserRepository();
  const hasher = new ScryptPasswordHasher(1024);
  const accessTokens = new AccessTokens(
    { accessSecret: secret('access'), issuer: 'api', audience: 'api', clientId: 'first-party', accessTtlSeconds: 60 },
    new InMemoryRevocationList(),
  );
  const codec = new JoseRefreshTokenCodec({
    refreshSecret: secret('refresh'),
    issuer: 'api',
    audience: 'api',
    refreshTtlSeconds: 600,
  });
  const sessions = new Sessions(accessTokens, codec, new InMemoryRefreshSessionStore(), activeRolesIn(users));
  return {
    codec,
    changePassword: new ChangePassword(users, hasher, sessions),
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
    const users = new InMemoryUserRepository();
    const hasher = new ScryptPasswordHasher(1024);
    const verify = jest.spyOn(hasher, 'verify');
    const sessions = new Sessions(
      identity().accessTokens,
      identity().codec,
      new InMemoryRefreshSessionStore(),
      activeRolesIn(users),
    );
    const logIn = new LogIn(users, hasher, sessions, hasher.hash('decoy password value'));
    await expect(logIn.execute({ email: 'nobody@example.com', password: 'correct horse battery' })).rejects.toThrow(
      InvalidCredentialsError,
    );
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('revokes the family when a rotated refresh token is reused', async () => {
    const { register, logIn, sessions } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const rotated = await refresh(sessions, session.refreshToken);
    await expect(refresh(sessions, session.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    await expect(refresh(sessions, rotated.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
  });

  it('ends a session on logout: its refresh token and every access token it produced', async () => {
    const { register, logIn, sessions, accessTokens } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const rotated = await refresh(sessions, session.refreshToken);
    const { sessionId } = await accessTokens.verify(rotated.accessToken);
    await sessions.end(sessionId);
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
