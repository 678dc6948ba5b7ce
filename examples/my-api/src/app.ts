import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Config } from './config/config';
import type { AuditLog } from './shared/kernel/audit';
import type { BoundedContext } from './domains/context';
import type { Auth } from './shared/auth/auth';
import type { Caches } from './shared/cache/read-cache';
import { apiInfo } from './shared/http/api-info';
import type { DocumentedRoute } from './shared/http/api-router';
import { clientOf, warningOfUntrustedProxy } from './shared/http/client-address';
import { createDocsRouter } from './shared/http/docs.routes';
import { createErrorHandler, notFoundHandler } from './shared/http/error-handler';
import { createHealthRouter, type ReadinessCheck } from './shared/http/health.routes';
import { buildOpenApiDocument } from './shared/http/openapi-document';
import { createOpenApiRouter } from './shared/http/openapi.routes';
import { createLimiter, rateLimit } from './shared/http/rate-limit';
import { createRequestLogger } from './shared/http/request-logger';
import { requestDeadline } from './shared/http/request-deadline';
import { requireJsonBody } from './shared/http/require-json';
import type { Database } from './shared/infrastructure/database';
import { createAuditLog } from './shared/infrastructure/audit-log';
import type { Lifecycle } from './shared/infrastructure/lifecycle';
import { type Logger, subsystemLogger } from './shared/infrastructure/logger';
import type { RedisConnection } from './shared/infrastructure/redis';
import type { HttpMetrics } from './shared/metrics/http-metrics';

export interface AppDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly redis: RedisConnection | undefined;
  readonly auth: Auth;
  readonly caches: Caches;
  readonly contexts: readonly BoundedContext[];
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly lifecycle: Lifecycle;
  /** Default: `[audit]` lines on `logger`. */
  readonly audit?: AuditLog;
  /** Undefined: no metrics (METRICS_PORT unset), and nothing is measured. */
  readonly metrics?: HttpMetrics | undefined;
}

/** Builds the HTTP application from its dependencies; `main.ts` passes real ones, tests pass their own. */
export function createApp(deps: AppDependencies): Express {
  const { config, redis } = deps;
  const routeLogger = subsystemLogger(deps.logger, 'route');
  const app = express();
  app.disable('x-powered-by');
  // A hash of the exact bytes: `If-None-Match` on a GET answers 304 when nothing changed.
  app.set('etag', 'strong');
  app.set('trust proxy', config.http.trustProxyHops);

  if (deps.metrics !== undefined) app.use(deps.metrics.recordResponses);
  app.use(createRequestLogger(routeLogger));
  app.use(helmet());
  // Without an allowlist, browsers get no CORS headers and so refuse cross-origin calls: nothing to run.
  if (config.http.corsOrigins.length > 0) {
    app.use(cors({ origin: [...config.http.corsOrigins], credentials: true }));
  }
  const documented: DocumentedRoute[] = [];
  const securitySchemes: Record<string, Readonly<Record<string, unknown>>> = {};
  const health = createHealthRouter(deps.readinessChecks, deps.lifecycle);
  app.use('/health', health.router);
  documented.push(...health.documented('/health'));
  app.use(requestDeadline(config.http.timeouts.deadlineMs));
  // Budgets are per client address, which a proxy TRUST_PROXY_HOPS does not count would hide: said once.
  const keyOf =
    config.http.trustProxyHops === 0
      ? warningOfUntrustedProxy(subsystemLogger(deps.logger, 'service'), clientOf)
      : clientOf;
  app.use(rateLimit(createLimiter({ name: 'global', ...config.rateLimit.global }, redis), keyOf));
  app.use(requireJsonBody, express.json({ limit: config.http.bodyLimit }));
  // What every route from here on may answer, whatever it declares: a body it was sent anyway, the global limit, and
  // the request deadline.
  const platformProblems = [400, 413, 415, 429, 503] as const;

  const { accessTokens, authenticate } = deps.auth;
  const audit = deps.audit ?? createAuditLog(deps.logger);
  for (const context of deps.contexts) {
    const { basePath, routes, ...documentation } = context.register({
      config,
      logger: subsystemLogger(deps.logger, context.name),
      audit,
      database: deps.database,
      redis,
      caches: deps.caches,
      accessTokens,
      authenticate,
    });
    app.use(basePath, routes.router);
    documented.push(...routes.documented(basePath, platformProblems));
    Object.assign(securitySchemes, documentation.securitySchemes);
  }

  const openApi = createOpenApiRouter(() => buildOpenApiDocument(apiInfo(), documented, securitySchemes));
  app.use(openApi.router);
  documented.push(...openApi.documented('', platformProblems));
  if (config.env === 'development') app.use('/docs', createDocsRouter(apiInfo().title));

  deps.metrics?.nameRoutes(documented);
  app.use(notFoundHandler);
  app.use(createErrorHandler(routeLogger));
  return app;
}
