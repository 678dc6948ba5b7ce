import type { EventEmitter } from 'node:events';
import mongoose, { type Connection, type ConnectOptions as MongooseOptions, type mongo } from 'mongoose';
import type { Logger } from './logger';

/** How long startup waits for a server before it gives up (and the process exits with a clear line). */
const STARTUP_CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long a query waits for a usable server: longer than a replica-set election (MongoDB documents up to ~12 s),
 * so a failover delays requests instead of failing them (up to REQUEST_DEADLINE_MS, then the client is told to retry),
 * and retryable writes get their retry.
 */
const SERVER_SELECTION_TIMEOUT_MS = 15_000;

export interface ConnectOptions {
  readonly dbName?: string;
  readonly startupTimeoutMs?: number;
}

/**
 * Filters built from request input can never smuggle in `$` operators, and a query path the schema does not
 * declare is an error: a misspelt filter field must not turn into "match everything".
 */
export function configureMongoose(): void {
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', 'throw');
}

export function connectionOptions(dbName?: string): MongooseOptions {
  return {
    serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    // Indexes are built by ensureIndexes() before the server listens, where a failure stops startup; Mongoose's
    // background build would race the first writes and only report failures in an event nobody hears.
    autoIndex: false,
    ...(dbName === undefined ? {} : { dbName }),
  };
}

/** Connects one Mongoose connection (no global default connection, so tests can open their own). */
export async function connectMongo(uri: string, logger: Logger, options: ConnectOptions = {}): Promise<Connection> {
  configureMongoose();
  const connection = mongoose.createConnection(uri, connectionOptions(options.dbName));
  watchAvailability(connection.getClient(), logger);
  try {
    await withTimeout(connection.asPromise(), options.startupTimeoutMs ?? STARTUP_CONNECT_TIMEOUT_MS);
  } catch (error) {
    // Closing the connection itself would wait for the very server selection that is taking too long.
    await connection.getClient().close(true);
    throw error;
  }
  logger.info({ database: connection.name }, 'connected');
  return connection;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no MongoDB server answered within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * One line when no server can serve data any more, one when one can again. Read from the driver's topology, which
 * every deployment has (Mongoose's own disconnected/reconnected events miss sharded and serverless clusters).
 * Silent before the first connection (startup reports its own failure) and on a deliberate close.
 */
export function watchAvailability(client: EventEmitter, logger: Logger): void {
  let state: 'starting' | 'up' | 'down' | 'closing' = 'starting';
  client.on('topologyClosed', () => {
    state = 'closing';
  });
  client.on('topologyDescriptionChanged', (event: mongo.TopologyDescriptionChangedEvent) => {
    const available = event.newDescription.hasDataBearingServers;
    if (available && state === 'down') logger.info('MongoDB is reachable again');
    if (!available && state === 'up') {
      logger.error(
        { err: event.newDescription.error ?? undefined },
        'MongoDB is unreachable: no server can serve data',
      );
    }
    if (state !== 'closing' && (available || state === 'up')) state = available ? 'up' : 'down';
  });
}

/**
 * Builds every index the connection's models declare and stops at the first that cannot be built (say a unique
 * index over values that are already duplicated: the server's reason names the index). Startup and the contract
 * tests call it, so both run on the same indexes.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    try {
      await model.createIndexes();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot build the indexes of ${model.collection.collectionName}: ${reason}`, { cause: error });
    }
  }
}

export async function pingMongo(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || connection.db === undefined) return false;
  await connection.db.admin().ping();
  return true;
}
