import { randomBytes } from 'node:crypto';
import type { BoundedContext, ContextDependencies, ContextRoutes } from '../context';
import { AccountChanges } from './application/account-changes';
import { AdministerUsers } from './application/administer-users.use-case';
import { ChangePassword } from './application/change-password.use-case';
import { GetCurrentUser, type UserProfile } from './application/get-current-user.use-case';
import { LogIn } from './application/log-in.use-case';
import { OperateAdministrators } from './application/operate-administrators.use-case';
import { RegisterUser } from './application/register-user.use-case';
import { Sessions } from './application/sessions';
import type { UserRepository } from './domain/user.repository';
import { ApiRouter } from '../../shared/http/api-router';
import { repositoryFor } from '../../shared/infrastructure/database';
import { createAuthLimiters } from './http/auth-budgets';
import { createAuthRouter } from './http/auth.routes';
import { REFRESH_COOKIE_SCHEME, REFRESH_COOKIE_SECURITY } from './http/refresh-cookie';
import { createUsersRouter } from './http/users.routes';
import { InMemoryRefreshSessionStore } from './infrastructure/in-memory-refresh-session.store';
import { InMemoryUserRepository } from './infrastructure/in-memory-user.repository';
import { JoseRefreshTokenCodec } from './infrastructure/jose-refresh-token.codec';
import { MongoUserRepository } from './infrastructure/mongo-user.repository';
import { NedbUserRepository } from './infrastructure/nedb-user.repository';
import { RedisRefreshSessionStore } from './infrastructure/redis-refresh-session.store';
import { BoundedPasswordHasher } from './infrastructure/bounded-password-hasher';
import { ScryptPasswordHasher } from './infrastructure/scrypt-password-hasher';

function userRepository(deps: IdentityDependencies): UserRepository {
  return repositoryFor<UserRepository>(deps.database, {
    memory: () => new InMemoryUserRepository(),
    embedded: (store) => new NedbUserRepository(store),
    mongo: (connection) => new MongoUserRepository(connection),
  });
}

/** What the identity context needs besides HTTP: the operator's command has these, and no routes. */
export type IdentityDependencies = Pick<
  ContextDependencies,
  'config' | 'audit' | 'database' | 'redis' | 'caches' | 'accessTokens'
>;

/** The parts the routes and the operator's command share: one composition, so both obey the same rules. */
function identityCore(deps: IdentityDependencies) {
  const users = userRepository(deps);
  const profiles = deps.caches.forContext<UserProfile>('identity');
  const { auth } = deps.config;
  const sessions = new Sessions({
    accessTokens: deps.accessTokens,
    refreshTokens: new JoseRefreshTokenCodec(auth),
    store: deps.redis === undefined ? new InMemoryRefreshSessionStore() : new RedisRefreshSessionStore(deps.redis),
    activeRoles: async (userId) => (await users.findById(userId))?.activeRoles,
    policy: {
      refreshTtlSeconds: auth.refreshTtlSeconds,
      maxLifetimeSeconds: auth.sessionMaxLifetimeSeconds,
      reuseGraceSeconds: auth.refreshReuseGraceSeconds,
    },
    audit: deps.audit,
  });
  const accountChanges = new AccountChanges(users, sessions, profiles, deps.audit);
  return { users, profiles, sessions, accountChanges };
}

/** `npm run admin`: grants and takes back the administrator role, as the API would (sessions end, last admin kept). */
export function createIdentityOperator(deps: IdentityDependencies): OperateAdministrators {
  const { users, accountChanges } = identityCore(deps);
  return new OperateAdministrators(users, accountChanges);
}

/** Identity: accounts, credentials, sessions, and their administration. The only public surface of this context. */
export const identityContext: BoundedContext = {
  name: 'identity',
  register(deps: ContextDependencies): ContextRoutes {
    const { users, profiles, sessions, accountChanges } = identityCore(deps);
    const scrypt = new ScryptPasswordHasher(deps.config.auth.passwordHashCost);
    const hasher = new BoundedPasswordHasher(scrypt, deps.config.auth.passwordHashing);
    // Made once at start, outside the bound, which is for requests.
    const decoyHash = scrypt.hash(randomBytes(32).toString('base64'));
    const authRouter = createAuthRouter({
      registerUser: new RegisterUser(users, hasher, deps.config.auth.adminEmails),
      logIn: new LogIn(users, hasher, sessions, decoyHash),
      changePassword: new ChangePassword(users, hasher, sessions, deps.audit),
      sessions,
      getCurrentUser: new GetCurrentUser(users, profiles),
      authenticate: deps.authenticate,
      limiters: createAuthLimiters(deps.config.rateLimit.auth, deps.redis),
    });
    const administerUsers = new AdministerUsers(users, accountChanges);
    const routes = new ApiRouter({ tag: 'identity' })
      .nest('/auth', authRouter)
      .nest('/users', createUsersRouter({ administerUsers, authenticate: deps.authenticate }));
    return { basePath: '/api/v1', routes, securitySchemes: { [REFRESH_COOKIE_SCHEME]: REFRESH_COOKIE_SECURITY } };
  },
};
