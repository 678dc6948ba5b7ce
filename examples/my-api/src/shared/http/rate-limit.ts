import type { Request, RequestHandler, Response } from 'express';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateBudget } from '../../config/config';
import type { RedisConnection } from '../infrastructure/redis';
import { clientOf } from './client-address';
import { HttpError } from './http-error';

const KEY_PREFIX = 'rate-limit:';

export interface RateLimitPolicy extends RateBudget {
  /** Distinguishes budgets that share one Redis, e.g. `global` and `auth`. */
  readonly name: string;
}

/**
 * Redis-backed when Redis is configured, so that all instances share one budget; a per-process memory limiter
 * insures it while Redis is unreachable. Without Redis (embedded default) the memory limiter alone.
 */
export function createLimiter(policy: RateLimitPolicy, redis: RedisConnection | undefined): RateLimiterAbstract {
  const options = { keyPrefix: `${KEY_PREFIX}${policy.name}`, points: policy.points, duration: policy.windowSeconds };
  const memory = new RateLimiterMemory(options);
  if (redis === undefined) return memory;
  return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory });
}

/** What is left of a budget (`limiter`'s): points, and when its window ends. */
export interface BudgetState {
  readonly limiter: RateLimiterAbstract;
  readonly limit: number;
  readonly remaining: number;
  readonly msBeforeReset: number;
}

export function setBudgetHeaders(res: Response, state: BudgetState): void {
  res.set({
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(Math.max(0, state.remaining)),
    'RateLimit-Reset': String(Math.ceil(state.msBeforeReset / 1000)),
  });
}

/** Where a 429 records the name of the budget that refused it, for whoever reports on responses (the metrics). */
const REFUSING_BUDGET = 'refusingBudget';

export function refusingBudget(res: Response): string | undefined {
  const budget: unknown = res.locals[REFUSING_BUDGET];
  return typeof budget === 'string' ? budget : undefined;
}

/** The 429 of a spent budget, with its headers. */
export function rateLimited(res: Response, state: BudgetState): HttpError {
  res.locals[REFUSING_BUDGET] = state.limiter.keyPrefix.slice(KEY_PREFIX.length);
  setBudgetHeaders(res, { ...state, remaining: 0 });
  const retryAfter = String(Math.max(1, Math.ceil(state.msBeforeReset / 1000)));
  return new HttpError(429, 'rate_limited', 'Too many requests; retry later', { 'Retry-After': retryAfter });
}

const stateOf = (limiter: RateLimiterAbstract, res: RateLimiterRes): BudgetState => ({
  limiter,
  limit: limiter.points,
  remaining: res.remainingPoints,
  msBeforeReset: res.msBeforeNext,
});

/** Whose budget a request spends: its client's address (IPv6: its /64) unless told otherwise; undefined spends none. */
export type RateLimitKey = (req: Request) => string | undefined;

/** Spends one point per request from the key's budget; 429 with Retry-After once the budget is gone. */
export function rateLimit(limiter: RateLimiterAbstract, keyOf: RateLimitKey = clientOf): RequestHandler {
  return async (req, res, next) => {
    const key = keyOf(req);
    if (key !== undefined) await spendPoint(limiter, key, res);
    next();
  };
}

/** Spends one point of `key`'s budget, for budgets whose key is known only inside a handler. */
export async function spendPoint(limiter: RateLimiterAbstract, key: string, res: Response): Promise<void> {
  try {
    setBudgetHeaders(res, stateOf(limiter, await limiter.consume(key)));
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    throw rateLimited(res, stateOf(limiter, rejection));
  }
}
