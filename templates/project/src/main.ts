import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { contexts } from './domains';
import { createAuth } from './shared/auth/auth';
import { createCaches } from './shared/cache/caches';
import { createHttpServer } from './shared/http/http-server';
import type { Database } from './shared/infrastructure/database';
import { DataDirInUseError } from './shared/infrastructure/embedded-store';
import { Lifecycle } from './shared/infrastructure/lifecycle';
import { createRootLogger, type Logger, subsystemLogger } from './shared/infrastructure/logger';
import { ensureIndexes } from './shared/infrastructure/mongo';
import { createRedisConnection, waitForRedis } from './shared/infrastructure/redis';
import { installGracefulShutdown } from './shared/infrastructure/shutdown';
import { createMetrics, type Metrics } from './shared/metrics/metrics';
import { metricsServerResource } from './shared/metrics/metrics-server';
import { startedTracing } from './shared/telemetry/started-tracing';
import { type Held, heldByDatabase, heldByRedis, openDatabase, readConfig } from './startup';

const REDIS_STARTUP_WAIT_MS = 3_000;

/** Every index the contexts declare exists before the server listens, or the process stops saying why. */
async function prepareDatabase(database: Database, logger: Logger): Promise<void> {
  try {
    if (database.kind === 'mongo') await ensureIndexes(database.connection);
    if (database.kind === 'embedded') await database.store.ready();
  } catch (error) {
    logger.fatal({ err: error }, 'cannot build the indexes; fix the data or the index, then start again');
    process.exit(1);
  }
}

/** The metrics server is listening before the API is, or the process stops saying why. */
async function serveMetrics(metrics: Metrics, logger: Logger): Promise<Held> {
  try {
    const server = await metrics.serve(logger);
    const { address, port } = server.address() as AddressInfo;
    logger.info({ address, port }, `metrics on http://${address}:${port}/metrics`);
    return { readinessChecks: [], resources: [metricsServerResource(server)] };
  } catch (error) {
    const { host, port } = metrics.address;
    const advice = 'set METRICS_PORT (and METRICS_HOST) to a free address, or unset METRICS_PORT for no metrics';
    logger.fatal({ err: error }, `cannot serve the metrics on ${host}:${port}; ${advice}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const root = createRootLogger({ level: config.logLevel, pretty: config.logPretty });
  const logger = subsystemLogger(root, 'service');

  let database: Database;
  try {
    database = await openDatabase(config, root);
  } catch (error) {
    const message =
      error instanceof DataDirInUseError
        ? error.message
        : 'cannot connect to MongoDB; check MONGODB_URI and that the server is reachable';
    logger.fatal({ err: error }, message);
    process.exit(1);
  }

  const redisLogger = subsystemLogger(root, 'redis');
  const redis = createRedisConnection(config, redisLogger);
  if (redis === undefined) {
    redisLogger.warn('REDIS_URL is not set: rate limits and revocations are per process (never in production)');
  } else if (!(await waitForRedis(redis, REDIS_STARTUP_WAIT_MS))) {
    redisLogger.warn('Redis is not reachable yet; limiting per process until it is');
  }

  const metrics = config.metrics && createMetrics(config.metrics, { redis, database });
  const auth = createAuth({ config, logger: root, redis });
  const countRead = metrics?.countCacheRead;
  const cache = createCaches({ config: config.cache, redis, logger: redisLogger, countRead });
  const held = [
    heldByDatabase(database),
    heldByRedis(redis),
    { readinessChecks: [], resources: [...auth.resources, ...cache.resources] },
  ];
  const readinessChecks = held.flatMap((part) => part.readinessChecks);
  const lifecycle = new Lifecycle();
  const { caches } = cache;
  const parts = { config, logger: root, database, redis, auth, caches, contexts, readinessChecks, lifecycle };
  const app = createApp({ ...parts, metrics: metrics?.http });
  await prepareDatabase(database, subsystemLogger(root, 'db'));
  if (metrics !== undefined) held.unshift(await serveMetrics(metrics, subsystemLogger(root, 'metrics')));
  const server = createHttpServer(app, config.http.timeouts).listen(config.http.port, config.http.host, () => {
    const { address, port } = server.address() as AddressInfo;
    logger.info({ address, port, env: config.env }, `listening on http://${address}:${port}`);
  });
  // Tracing closes last, so that the spans of everything before it are sent.
  const resources = [...held.flatMap((part) => part.resources), ...startedTracing()];
  installGracefulShutdown({ server, lifecycle, logger, ...config.shutdown, resources });
}

void main();
