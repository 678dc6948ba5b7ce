import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Config, ConfigError, loadConfig, mongoDatabaseName } from './config/config';
import type { ReadinessCheck } from './shared/http/health.routes';
import type { Database } from './shared/infrastructure/database';
import { EmbeddedStore } from './shared/infrastructure/embedded-store';
import { type Logger, subsystemLogger } from './shared/infrastructure/logger';
import { connectMongo, pingMongo } from './shared/infrastructure/mongo';
import { pingRedis, type RedisConnection } from './shared/infrastructure/redis';
import type { Resource } from './shared/infrastructure/shutdown';

/** DATA_DIR's value for repositories that keep nothing (demos, benchmarks). */
const IN_MEMORY = ':memory:';

/**
 * What the server (`main.ts`) and the operator's command (`admin.ts`) both start from: the same configuration
 * (`.env`, then the environment) and the same choice of database, so that the command acts on the server's data.
 */
export function readConfig(): Config {
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

/** MongoDB with MONGODB_URI; else DATA_DIR's embedded files (claimed for this process), or memory. */
export async function openDatabase(config: Config, root: Logger): Promise<Database> {
  const logger = subsystemLogger(root, 'db');
  if (config.mongoUri === undefined && config.dataDir === IN_MEMORY) {
    logger.warn('MONGODB_URI is not set and DATA_DIR=:memory:: data is kept in memory and lost on restart');
    return { kind: 'memory' };
  }
  if (config.mongoUri === undefined) {
    // Config refuses this in production; development keeps its data across restarts without a database server.
    const directory = path.resolve(config.dataDir);
    logger.warn(`MONGODB_URI is not set: keeping data in ${directory} (embedded files; delete it to start afresh)`);
    const store = new EmbeddedStore(directory);
    store.lock();
    return { kind: 'embedded', store };
  }
  if (mongoDatabaseName(config.mongoUri) === undefined) {
    logger.warn("MONGODB_URI names no database: using MongoDB's default, 'test' (add /<name> before any '?')");
  }
  return { kind: 'mongo', connection: await connectMongo(config.mongoUri, logger) };
}

/** What a connection adds to /health/ready, and what shutdown closes (in the order given). */
export interface Held {
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly resources: readonly Resource[];
}

export function heldByDatabase(database: Database): Held {
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

export function heldByRedis(redis: RedisConnection | undefined): Held {
  if (redis === undefined) return { readinessChecks: [], resources: [] };
  return {
    readinessChecks: [{ name: 'redis', check: () => pingRedis(redis) }],
    // QUIT lets pending replies arrive; while Redis is away it cannot be sent, and the reconnecting must stop.
    resources: [
      {
        name: 'redis',
        close: () =>
          redis.quit().then(
            () => undefined,
            () => redis.disconnect(),
          ),
      },
    ],
  };
}
