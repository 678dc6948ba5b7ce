import { z } from 'zod';

/**
 * Above the idle timeout of the balancer in front (AWS ALB's default and nginx's upstream keep-alive: 60 s), so
 * that the balancer, not the server, ends an idle connection: ended by the server, it can be reused by the balancer
 * at that very moment, and the request on it becomes a 502.
 */
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 65_000;
/** Unset, the headers timeout is the keep-alive timeout and this. */
const HEADERS_TIMEOUT_MARGIN_MS = 1_000;
/** Unset, the request timeout leaves a body this long after the headers timeout. */
const BODY_ALLOWANCE_MS = 60_000;
/** Below every common balancer's response timeout (GCP: 30 s, ALB: 60 s), so the client gets our 503. */
const DEFAULT_REQUEST_DEADLINE_MS = 10_000;

const milliseconds = z.coerce.number().int().positive();

/** The variables, spread into the environment's schema. */
export const httpTimeoutVariables = {
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1_000, { error: 'must be at least 1000: clients are told it in whole seconds' })
    .default(DEFAULT_KEEP_ALIVE_TIMEOUT_MS),
  HTTP_HEADERS_TIMEOUT_MS: milliseconds.optional(),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds.optional(),
  REQUEST_DEADLINE_MS: milliseconds.default(DEFAULT_REQUEST_DEADLINE_MS),
};

interface HttpTimeoutEnv {
  readonly HTTP_KEEP_ALIVE_TIMEOUT_MS: number;
  readonly HTTP_HEADERS_TIMEOUT_MS?: number | undefined;
  readonly HTTP_REQUEST_TIMEOUT_MS?: number | undefined;
  readonly REQUEST_DEADLINE_MS: number;
}

export interface HttpTimeouts {
  /** How long an idle connection stays open, as `Keep-Alive: timeout=` tells clients (in seconds). */
  readonly keepAliveMs: number;
  /** The longest a request's headers may take to arrive: from its first byte, or from a new connection's opening. */
  readonly headersMs: number;
  /** The same for the whole request, body included (Node answers 408 past either). */
  readonly requestMs: number;
  /** The longest a request may wait for its answer to start; then it is answered 503 `deadline_exceeded`. */
  readonly deadlineMs: number;
}

export function httpTimeouts(env: HttpTimeoutEnv): HttpTimeouts {
  const headersMs = env.HTTP_HEADERS_TIMEOUT_MS ?? env.HTTP_KEEP_ALIVE_TIMEOUT_MS + HEADERS_TIMEOUT_MARGIN_MS;
  return {
    keepAliveMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    headersMs,
    requestMs: env.HTTP_REQUEST_TIMEOUT_MS ?? headersMs + BODY_ALLOWANCE_MS,
    deadlineMs: env.REQUEST_DEADLINE_MS,
  };
}

/**
 * A connection that has not sent a request yet (balancers open some ahead of use) ends by the headers and request
 * timeouts, not by the keep-alive one: shorter than it, they would close connections the balancer holds as good.
 */
export function checkHttpTimeouts(env: HttpTimeoutEnv, ctx: z.RefinementCtx): void {
  const { keepAliveMs, headersMs, requestMs } = httpTimeouts(env);
  if (headersMs <= keepAliveMs) {
    const message = `must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS (${keepAliveMs}), or unset (then ${keepAliveMs + HEADERS_TIMEOUT_MARGIN_MS})`;
    ctx.addIssue({ code: 'custom', path: ['HTTP_HEADERS_TIMEOUT_MS'], message });
  } else if (requestMs < headersMs) {
    const message = `must be at least HTTP_HEADERS_TIMEOUT_MS (${headersMs}): it includes the headers; or unset`;
    ctx.addIssue({ code: 'custom', path: ['HTTP_REQUEST_TIMEOUT_MS'], message });
  }
}
