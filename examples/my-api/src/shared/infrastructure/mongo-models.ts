import { type Connection, type Model, mongo, type Schema } from 'mongoose';

/** One model per connection and name: a second repository on the same connection reuses it. */
export function modelFor<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return name in connection.models ? connection.model<T>(name) : connection.model<T>(name, schema);
}

const DUPLICATE_KEY = 11000;

/** The field a unique index refused (besides the owner), or undefined when `error` is not a duplicate key. */
export function duplicatedField(error: unknown): string | undefined {
  if (!(error instanceof mongo.MongoServerError) || error.code !== DUPLICATE_KEY) return undefined;
  const keyValue: unknown = error.keyValue;
  const keys = typeof keyValue === 'object' && keyValue !== null ? Object.keys(keyValue) : [];
  return keys.find((key) => key !== 'ownerId') ?? 'value';
}
