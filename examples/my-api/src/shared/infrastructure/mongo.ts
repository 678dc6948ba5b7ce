import mongoose, { type Connection } from 'mongoose';
import type { Logger } from './logger';

const SERVER_SELECTION_TIMEOUT_MS = 5_000;

/** Connects one Mongoose connection (no global default connection, so tests can open their own). */
export async function connectMongo(uri: string, logger: Logger, dbName?: string): Promise<Connection> {
  // Filters built from request input can never smuggle in `$` operators, and unknown query paths are errors.
  mongoose.set('sanitizeFilter', true);
  mongoose.set('strictQuery', true);
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    ...(dbName === undefined ? {} : { dbName }),
  });
  connection.on('disconnected', () => logger.warn('disconnected'));
  connection.on('reconnected', () => logger.info('reconnected'));
  await connection.asPromise();
  logger.info({ database: connection.name }, 'connected');
  return connection;
}

export async function pingMongo(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || connection.db === undefined) return false;
  await connection.db.admin().ping();
  return true;
}
