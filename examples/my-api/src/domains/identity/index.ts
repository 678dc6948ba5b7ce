import { randomBytes } from 'node:crypto';
import type { BoundedContext, ContextDependencies, ContextRoutes } from '../context';
import { AdministerUsers } from './application/administer-users.use-case';
import { ChangePassword } from './application/change-password.use-case';
import { GetCurrentUser, type UserProfile } from './application/get-current-user.use-case';
import { LogIn } from './application/log-in.use-case';
import { RegisterUser } from './application/register-user.use-case';
import { Sessions } from './application/sessions';
import type { UserRepository } from './domain/user.repository';
import { ApiRouter } from '../../shared/http/api-router';
import { createLimiter } from '../../shared/http/rate-limit';
import { repositoryFor } from '../../shared/infrastructure/database';
import { createAuthRouter } from './http/auth.routes';
import { REFRESH_COOKIE_SCHEME, REFRESH_COOKIE_SECURITY } from './http/refresh-cookie';
import { createUsersRouter } from './http/users.routes';
import { InMemoryRefreshSessionStore } from './infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from './infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from './infrastructure/jose-refresh-token.codec';
import { MongoUserRepository } from './infrastructure/mongo-user.repository';
import { NedbUserRepository } from './infrastructure/nedb-user.repository';
import { RedisRefreshSessionStore } from './infrastructure/redis-refresh-session.store';
import { ScryptPasswordHasher } from './infrastructure/scrypt-password-hasher';

function userRepository(deps: ContextDependencies): UserRepository {
  return repositoryFor<UserRepository>(deps.database, {
    memory: () => new InMemoryUserRepository(),
    embedded: (store) => new NedbUserRepository(store),
    mongo: (connection) => new MongoUserRepository(connection),
  });
}

/** Identity: accounts, credentials, sessions, and their administration. The only public surface of this context. */
export const identityContext: BoundedContext = {
  name: 'identity',
  register(deps: ContextDependencies): ContextRoutes {
    const users = userRepository(deps);
    const profiles = deps.caches.forContext<UserProfile>('identity');
    const hasher = new ScryptPasswordHasher(deps.config.auth.passwordHashCost);
    const store =
      deps.redis === undefined ? new InMemoryRefreshSessionStore() : new RedisRefreshSessionStore(deps.redis);
    const { auth } = deps.config;
    const sessions = new Sessions({
      accessTokens: deps.accessTokens,
      refreshTokens: new JoseRefreshTokenCodec(auth),
      store,
      activeRoles: async (userId) => (await users.findById(userId))?.activeRoles,
      policy: {
        refreshTtlSeconds: auth.refreshTtlSeconds,
        maxLifetimeSeconds: auth.sessionMaxLifetimeSeconds,
        reuseGraceSeconds: auth.refreshReuseGraceSeconds,
      },
      audit: deps.audit,
    });
    const decoyHash = hasher.hash(randomBytes(32).toString('base64'));
    const authRouter = createAuthRouter({
      registerUser: new RegisterUser(users, hasher, deps.config.auth.adminEmails),
      logIn: new LogIn(users, hasher, sessions, decoyHash),
      changePassword: new ChangePassword(users, hasher, sessions),
      sessions,
      getCurrentUser: new GetCurrentUser(users, profiles),
      authenticate: deps.authenticate,
      strictRateLimit: deps.strictRateLimit,
      accountLimiter: createLimiter({ name: 'auth-account', ...deps.config.rateLimit.auth }, deps.redis),
    });
    const administerUsers = new AdministerUsers(users, sessions, profiles);
    const routes = new ApiRouter({ tag: 'identity' })
      .nest('/auth', authRouter)
      .nest('/users', createUsersRouter({ administerUsers, authenticate: deps.authenticate }));
    return { basePath: '/api/v1', routes, securitySchemes: { [REFRESH_COOKIE_SCHEME]: REFRESH_COOKIE_SECURITY } };
  },
};
