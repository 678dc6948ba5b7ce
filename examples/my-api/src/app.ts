import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Config } from './config/config';
import type { BoundedContext } from './domains/context';
import { AccessTokens } from './shared/auth/access-tokens';
import { CachedRevocationList, trackRevocationChanges } from './shared/auth/cached-revocation-list';
import {
  InMemoryRevocationList,
  InsuredRevocationList,
  RedisRevocationList,
  type RevocationList,
} from './shared/auth/revocation-list';
import { createAuthenticate } from './shared/http/authenticate';
import { createErrorHandler, notFoundHandler } from './shared/http/error-handler';
import { createHealthRouter, type ReadinessCheck } from './shared/http/health.routes';
import { createLimiter, rateLimit } from './shared/http/rate-limit';
import { createRequestLogger } from './shared/http/request-logger';
import { requireJsonBody } from './shared/http/require-json';
import type { Database } from './shared/infrastructure/database';
import type { Lifecycle } from './shared/infrastructure/lifecycle';
import { type Logger, subsystemLogger } from './shared/infrastructure/logger';

export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly redis: Redis | undefined;
  /** Where Redis reports revocations made anywhere, so that answers can be cached; without it each check asks. */
  readonly redisSubscriber?: Redis;
  readonly contexts: readonly BoundedContext[];
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly lifecycle: Lifecycle;
}

/** Redis shared by all instances (cached while Redis reports changes), insured by this process's own list. */
function createRevocationList({ redis, redisSubscriber, logger }: AppDependencies): RevocationList {
  if (redis === undefined) return new InMemoryRevocationList();
  const redisLogger = subsystemLogger(logger, 'redis');
  let shared: RevocationList = new RedisRevocationList(redis);
  if (redisSubscriber !== undefined) {
    const cached = new CachedRevocationList(shared);
    trackRevocationChanges(redisSubscriber, cached, redisLogger);
    shared = cached;
  }
  return new InsuredRevocationList(shared, redisLogger);
}

/** Builds the HTTP application from its dependencies; `main.ts` passes real ones, tests pass their own. */
export function createApp(deps: AppDependencies): Express {
  const { config, redis } = deps;
  const routeLogger = subsystemLogger(deps.logger, 'route');
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxyHops);

  app.use(createRequestLogger(routeLogger));
  app.use(helmet());
  // Without an allowlist, browsers get no CORS headers and so refuse cross-origin calls: nothing to run.
  if (config.http.corsOrigins.length > 0) {
    app.use(cors({ origin: [...config.http.corsOrigins], credentials: true }));
  }
  app.use('/health', createHealthRouter(deps.readinessChecks, deps.lifecycle));
  app.use(rateLimit(createLimiter({ name: 'global', ...config.rateLimit.global }, redis)));
  app.use(requireJsonBody, express.json({ limit: config.http.bodyLimit }));

  const accessTokens = new AccessTokens(config.auth, createRevocationList(deps));
  const authenticate = createAuthenticate(accessTokens);
  const strictRateLimit = rateLimit(createLimiter({ name: 'auth', ...config.rateLimit.auth }, redis));
  for (const context of deps.contexts) {
    const { basePath, router } = context.register({
      config,
      logger: subsystemLogger(deps.logger, context.name),
      database: deps.database,
      redis,
      accessTokens,
      authenticate,
      strictRateLimit,
    });
    app.use(basePath, router);
  }

  app.use(notFoundHandler);
  app.use(createErrorHandler(routeLogger));
  return app;
}
