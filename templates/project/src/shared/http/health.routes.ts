import { Router } from 'express';
import type { Lifecycle } from '../infrastructure/lifecycle';

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

/**
 * Mounted at `/health`. `/health/live`: the process answers. `/health/ready`: its dependencies answer and it is
 * not draining.
 */
export function createHealthRouter(checks: readonly ReadinessCheck[], lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', async (_req, res) => {
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
  });
  return router;
}
