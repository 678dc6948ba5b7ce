import { z } from 'zod';
import type { Lifecycle } from '../infrastructure/lifecycle';
import { ApiRouter } from './api-router';

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
    status: z.enum(['ready', 'unavailable', 'shutting_down']),
    checks: z.record(z.string(), z.enum(['up', 'down'])).optional(),
  })
  .meta({ id: 'Readiness' });

/**
 * Mounted at `/health`. `/health/live`: the process answers. `/health/ready`: its dependencies answer and it is
 * not draining.
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
      summary: 'Its dependencies answer and it is not shutting down',
      responses: {
        200: { description: 'Ready to serve', body: readyBody },
        503: { description: 'A dependency is down, or the process is shutting down', body: readyBody },
      },
    },
    async (_input, _req, res) => {
      if (lifecycle.isShuttingDown) {
        res.status(503).json({ status: 'shutting_down' });
        return;
      }
      const results = await Promise.all(checks.map(async (check) => [check.name, await passes(check)] as const));
      const ready = results.every(([, up]) => up);
      res.status(ready ? 200 : 503).json({
        status: ready ? 'ready' : 'unavailable',
        checks: Object.fromEntries(results.map(([name, up]) => [name, up ? 'up' : 'down'])),
      });
    },
  );
  return api;
}
