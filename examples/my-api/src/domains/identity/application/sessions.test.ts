import { InMemoryRevocationList } from '../../../shared/auth/revocation-list';
import { AccessTokens } from '../../../shared/auth/access-tokens';
import { InvalidCredentialsError, InvalidRefreshTokenError } from '../domain/identity.errors';
import { InMemoryRefreshSessionStore } from '../infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from '../infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from '../infrastructure/jose-refresh-token.codec';
import { ScryptPasswordHasher } from '../infrastructure/scrypt-password-hasher';
import { LogIn } from './log-in.use-case';
import { RegisterUser } from './register-user.use-case';
import { Sessions } from './sessions';

const secret = (label: string) => new TextEncoder().encode(`${label}-secret-that-is-long-enough-for-hs256`);

function identity() {
  const users = new InMemoryUserRepository();
  const hasher = new ScryptPasswordHasher(1024);
  const accessTokens = new AccessTokens(
    { accessSecret: secret('access'), issuer: 'api', audience: 'api', accessTtlSeconds: 60 },
    new InMemoryRevocationList(),
  );
  const codec = new JoseRefreshTokenCodec({
    refreshSecret: secret('refresh'),
    issuer: 'api',
    audience: 'api',
    refreshTtlSeconds: 600,
  });
  const sessions = new Sessions(accessTokens, codec, new InMemoryRefreshSessionStore());
  return {
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
    const next = await sessions.refresh(session.refreshToken);
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

  it('revokes the family when a rotated refresh token is reused', async () => {
    const { register, logIn, sessions } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const rotated = await sessions.refresh(session.refreshToken);
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
    await expect(sessions.refresh(rotated.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
  });

  it('ends a session on logout', async () => {
    const { register, logIn, sessions } = identity();
    await register.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    const { session } = await logIn.execute({ email: 'ada@example.com', password: 'correct horse battery' });
    await sessions.end(session.refreshToken);
    await expect(sessions.refresh(session.refreshToken)).rejects.toThrow(InvalidRefreshTokenError);
  });
});
