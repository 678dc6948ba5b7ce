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
import { startedTracing } from './shared/telemetry/started-tracing';
import { heldByDatabase, heldByRedis, openDatabase, readConfig } from './startup';

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

  const auth = createAuth({ config, logger: root, redis });
  const cache = createCaches({ config: config.cache, redis, logger: redisLogger });
  const held = [
    heldByDatabase(database),
    heldByRedis(redis),
    { readinessChecks: [], resources: [...auth.resources, ...cache.resources] },
  ];
  const readinessChecks = held.flatMap((part) => part.readinessChecks);
  const lifecycle = new Lifecycle();
  const { caches } = cache;
  const app = createApp({ config, logger: root, database, redis, auth, caches, contexts, readinessChecks, lifecycle });
  await prepareDatabase(database, subsystemLogger(root, 'db'));
  const server = createHttpServer(app, config.http.timeouts).listen(config.http.port, config.http.host, () => {
    const { address, port } = server.address() as AddressInfo;
    logger.info({ address, port, env: config.env }, `listening on http://${address}:${port}`);
  });
  // Tracing closes last, so that the spans of everything before it are sent.
  const resources = [...held.flatMap((part) => part.resources), ...startedTracing()];
  installGracefulShutdown({ server, lifecycle, logger, ...config.shutdown, resources });
}

void main();
