import { Redis } from 'ioredis';
import type { Logger } from './logger';

const CONNECT_TIMEOUT_MS = 5_000;
export const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * No offline queue: while Redis is away, commands fail at once and callers fall back (the insurance limiter)
 * instead of piling up. No auto-pipelining: ioredis keeps one such batch in flight at a time and holds all its
 * commands until the last reply, which under load cost more CPU and about 25 MB more heap than plain writes.
 * `rediss://` URLs (Upstash, ElastiCache) use TLS.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  let healthy = false;
  client.on('ready', () => {
    healthy = true;
    logger.info('ready');
  });
  client.on('error', (error: Error) => {
    // Log the first error of an outage, not every reconnect attempt.
    if (healthy) logger.error({ err: error }, 'connection lost; retrying');
    healthy = false;
  });
  return client;
}

/**
 * A second connection, for messages Redis pushes (a subscribed connection can run nothing else). Subscriptions are
 * not restored on reconnect: whoever subscribes sets up again on each `ready`.
 */
export function createSubscriber(client: Redis): Redis {
  return client.duplicate({ autoResubscribe: false, autoResendUnfulfilledCommands: false, lazyConnect: false });
}

/** Resolves true once the client is ready, false if it is not within `timeoutMs`. */
export function waitForRedis(client: Redis, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}

export async function pingRedis(client: Redis): Promise<boolean> {
  if (client.status !== 'ready') return false;
  await client.ping();
  return true;
}
