import type { Express } from 'express';
import pino from 'pino';
import { createApp } from '../app';
import { type Config, loadConfig } from '../config/config';
import type { BoundedContext } from '../domains/context';
import { contexts as registeredContexts } from '../domains';
import { createAuth } from '../shared/auth/auth';
import { createCaches } from '../shared/cache/caches';
import type { Caches } from '../shared/cache/read-cache';
import type { ReadinessCheck } from '../shared/http/health.routes';
import { Lifecycle } from '../shared/infrastructure/lifecycle';
import type { Logger } from '../shared/infrastructure/logger';
import type { RedisConnection } from '../shared/infrastructure/redis';
import type { HttpMetrics } from '../shared/metrics/http-metrics';
import type { AuditLog } from '../shared/kernel/audit';

/** Test settings: fixed secrets, a cheap password hash (N = 2^10 instead of 2^17), no log output. */
export const TEST_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_ACCESS_SECRET: 'test-access-secret-that-is-long-enough-0123456789',
  JWT_REFRESH_SECRET: 'test-refresh-secret-that-is-long-enough-012345678',
  PASSWORD_HASH_COST: '1024',
};

export function testConfig(env: Readonly<Record<string, string>> = {}): Config {
  return loadConfig({ ...TEST_ENV, ...env });
}

export interface TestAppOptions {
  readonly env?: Readonly<Record<string, string>>;
  readonly redis?: RedisConnection;
  /** Default: the memory-only cache (the embedded default's). */
  readonly caches?: Caches;
  readonly contexts?: readonly BoundedContext[];
  readonly readinessChecks?: readonly ReadinessCheck[];
  readonly lifecycle?: Lifecycle;
  readonly logger?: Logger;
  /** Default: `[audit]` lines on the (silent) logger; a MemoryAuditLog lets a test read them. */
  readonly audit?: AuditLog;
  /** Default: none (no metrics). */
  readonly metrics?: HttpMetrics;
}

/**
 * The real application on in-memory repositories (and the memory limiter unless a Redis client is given). It lives
 * above `src/shared/` because it builds the app from the composition root's parts.
 */
export function buildTestApp(options: TestAppOptions = {}): Express {
  const config = testConfig(options.env);
  const logger = options.logger ?? pino({ level: 'silent' });
  return createApp({
    config,
    logger,
    database: { kind: 'memory' },
    redis: options.redis,
    auth: createAuth({ config, logger, redis: options.redis, cacheRevocations: false }),
    caches: options.caches ?? createCaches({ config: config.cache, redis: undefined, logger }).caches,
    contexts: options.contexts ?? registeredContexts,
    readinessChecks: options.readinessChecks ?? [],
    lifecycle: options.lifecycle ?? new Lifecycle(),
    ...(options.audit !== undefined && { audit: options.audit }),
    metrics: options.metrics,
  });
}
