import type { RequestHandler } from 'express';
import type { Config } from '../config/config';
import type { AccessTokenService } from '../shared/auth/access-tokens';
import type { Caches } from '../shared/cache/read-cache';
import type { AuditLog } from '../shared/kernel/audit';
import type { ApiRouter } from '../shared/http/api-router';
import type { Database } from '../shared/infrastructure/database';
import type { Logger } from '../shared/infrastructure/logger';
import type { RedisConnection } from '../shared/infrastructure/redis';

/** What the composition root hands every bounded context. */
export interface ContextDependencies {
  readonly config: Config;
  /** Prefixed with the context's name. */
  readonly logger: Logger;
  /** Security events (`[audit]` lines): role changes, disabled accounts, password changes, replays. */
  readonly audit: AuditLog;
  readonly database: Database;
  /** Undefined on the embedded default (no REDIS_URL outside production). */
  readonly redis: RedisConnection | undefined;
  /** Read-through caches for reads by id; a context that wants none simply never asks. */
  readonly caches: Caches;
  readonly accessTokens: AccessTokenService;
  /** 401 unless the request carries a live access token; sets `req.principal`. */
  readonly authenticate: RequestHandler;
}

export interface ContextRoutes {
  readonly basePath: string;
  /** Declared routes: the app serves them and documents them in /openapi.json. */
  readonly routes: ApiRouter;
  /** OpenAPI security schemes the context's routes name besides the bearer token (e.g. a cookie). */
  readonly securitySchemes?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface BoundedContext {
  readonly name: string;
  register(dependencies: ContextDependencies): ContextRoutes;
}
