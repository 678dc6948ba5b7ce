import { z } from 'zod';
import type { Lifecycle } from '../infrastructure/lifecycle';
import { ApiRouter } from './api-router';

/** A dependency shared by every instance (MongoDB, Redis): reported by readiness, never a reason to refuse traffic. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean>;
}

const CHECK_TIMEOUT_MS = 1_000;

async function passes(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const liveBody = z.object({ status: z.literal('ok') }).meta({ id: 'Liveness' });
const readyBody = z
  .object({
    status: z.enum(['ready', 'degraded', 'shutting_down']).meta({
      description: '`degraded`: a dependency is down, and this instance serves without it, as every other one does',
    }),
    checks: z.record(z.string(), z.enum(['up', 'down'])).optional(),
  })
  .meta({ id: 'Readiness' });

export type Readiness = z.output<typeof readyBody>;

/**
 * Whether this instance should get traffic, and how each dependency is (for readiness, and for whoever reports
 * the state of dependencies). Only draining takes it out: every dependency is shared by all instances, so one
 * that is down is down for all, and refusing traffic would leave the balancer with no instance at all.
 */
export async function assessReadiness(checks: readonly ReadinessCheck[], lifecycle: Lifecycle): Promise<Readiness> {
  if (lifecycle.isShuttingDown) return { status: 'shutting_down' };
  const results = await Promise.all(checks.map(async (check) => [check.name, await passes(check)] as const));
  return {
    status: results.every(([, up]) => up) ? 'ready' : 'degraded',
    checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])),
  };
}

/**
 * Mounted at `/health`. `/health/live`: the process answers. `/health/ready`: 200 unless it is draining, with the
 * state of each dependency.
 */
export function createHealthRouter(checks: readonly ReadinessCheck[], lifecycle: Lifecycle): ApiRouter {
  const api = new ApiRouter({ tag: 'health' });
  api.route(
    {
      method: 'get',
      path: '/live',
      operationId: 'checkLiveness',
      summary: 'The process answers',
      responses: { 200: { description: 'Alive', body: liveBody } },
    },
    (_input, _req, res) => {
      res.json({ status: 'ok' });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/ready',
      operationId: 'checkReadiness',
      summary: 'It should get traffic: it is not shutting down',
      responses: {
        200: { description: 'Serving; `checks` says which dependencies are up', body: readyBody },
        503: { description: 'Shutting down: send it nothing new', body: readyBody },
      },
    },
    async (_input, _req, res) => {
      const readiness = await assessReadiness(checks, lifecycle);
      res.status(readiness.status === 'shutting_down' ? 503 : 200).json(readiness);
    },
  );
  return api;
}
