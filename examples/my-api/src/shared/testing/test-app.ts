import type { Express } from 'express';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createApp } from '../../app';
import { type Config, loadConfig } from '../../config/config';
import type { BoundedContext } from '../../domains/context';
import { contexts as registeredContexts } from '../../domains';
import type { ReadinessCheck } from '../http/health.routes';
import { Lifecycle } from '../infrastructure/lifecycle';
import type { Logger } from '../infrastructure/logger';

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
  readonly redis?: Redis;
  readonly contexts?: readonly BoundedContext[];
  readonly readinessChecks?: readonly ReadinessCheck[];
  readonly lifecycle?: Lifecycle;
  readonly logger?: Logger;
}

/** The real application on in-memory repositories (and the memory limiter unless a Redis client is given). */
export function buildTestApp(options: TestAppOptions = {}): Express {
  return createApp({
    config: testConfig(options.env),
    logger: options.logger ?? pino({ level: 'silent' }),
    database: { kind: 'memory' },
    redis: options.redis,
    contexts: options.contexts ?? registeredContexts,
    readinessChecks: options.readinessChecks ?? [],
    lifecycle: options.lifecycle ?? new Lifecycle(),
  });
}
