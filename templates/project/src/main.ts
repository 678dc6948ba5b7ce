import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { createApp } from './app';
import { type Config, ConfigError, loadConfig, mongoDatabaseName } from './config/config';
import { contexts } from './domains';
import { createAuth } from './shared/auth/auth';
import { createCaches } from './shared/cache/caches';
import type { ReadinessCheck } from './shared/http/health.routes';
import { createHttpServer } from './shared/http/http-server';
import type { Database } from './shared/infrastructure/database';
import { EmbeddedStore } from './shared/infrastructure/embedded-store';
import { Lifecycle } from './shared/infrastructure/lifecycle';
import { createRootLogger, type Logger, subsystemLogger } from './shared/infrastructure/logger';
import { connectMongo, ensureIndexes, pingMongo } from './shared/infrastructure/mongo';
import { createRedisClient, pingRedis, waitForRedis } from './shared/infrastructure/redis';
import { installGracefulShutdown, type Resource } from './shared/infrastructure/shutdown';

const REDIS_STARTUP_WAIT_MS = 3_000;
/** DATA_DIR's value for repositories that keep nothing (demos, benchmarks). */
const IN_MEMORY = ':memory:';

function readConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nFix the variables above (see .env.example) and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function openDatabase(config: Config, root: Logger): Promise<Database> {
  const logger = subsystemLogger(root, 'db');
  if (config.mongoUri === undefined && config.dataDir === IN_MEMORY) {
    logger.warn('MONGODB_URI is not set and DATA_DIR=:memory:: data is kept in memory and lost on restart');
    return { kind: 'memory' };
  }
  if (config.mongoUri === undefined) {
    // Config refuses this in production; development keeps its data across restarts without a database server.
    const directory = path.resolve(config.dataDir);
    logger.warn(`MONGODB_URI is not set: keeping data in ${directory} (embedded files; delete it to start afresh)`);
    return { kind: 'embedded', store: new EmbeddedStore(directory) };
  }
  if (mongoDatabaseName(config.mongoUri) === undefined) {
    logger.warn("MONGODB_URI names no database: using MongoDB's default, 'test' (add /<name> before any '?')");
  }
  return { kind: 'mongo', connection: await connectMongo(config.mongoUri, logger) };
}

/** What a connection adds to /health/ready, and what shutdown closes (in the order given). */
interface Held {
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly resources: readonly Resource[];
}

function heldByDatabase(database: Database): Held {
  switch (database.kind) {
    case 'mongo': {
      const { connection } = database;
      const resource = { name: 'mongo', close: () => connection.close() };
      return { readinessChecks: [{ name: 'mongo', check: () => pingMongo(connection) }], resources: [resource] };
    }
    case 'embedded':
      return { readinessChecks: [], resources: [{ name: 'embedded store', close: () => database.store.close() }] };
    case 'memory':
      return { readinessChecks: [], resources: [] };
  }
}

function heldByRedis(redis: Redis | undefined): Held {
  if (redis === undefined) return { readinessChecks: [], resources: [] };
  return {
    readinessChecks: [{ name: 'redis', check: () => pingRedis(redis) }],
    resources: [{ name: 'redis', close: () => redis.quit() }],
  };
}

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
    logger.fatal({ err: error }, 'cannot connect to MongoDB; check MONGODB_URI and that the server is reachable');
    process.exit(1);
  }

  const redisLogger = subsystemLogger(root, 'redis');
  const redis = config.redisUrl === undefined ? undefined : createRedisClient(config.redisUrl, redisLogger);
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
  const server = createHttpServer(app).listen(config.http.port, config.http.host, () => {
    const { address, port } = server.address() as AddressInfo;
    logger.info({ address, port, env: config.env }, `listening on http://${address}:${port}`);
  });
  const resources = held.flatMap((part) => part.resources);
  installGracefulShutdown({ server, lifecycle, logger, ...config.shutdown, resources });
}

void main();
