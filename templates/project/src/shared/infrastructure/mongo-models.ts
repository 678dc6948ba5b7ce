import type { Connection, Model, Schema } from 'mongoose';

/** One model per connection and name: a second repository on the same connection reuses it. */
export function modelFor<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return name in connection.models ? connection.model<T>(name) : connection.model<T>(name, schema);
}

const DUPLICATE_KEY = 11000;
const OWNER = 'ownerId';

/** What a server's duplicate-key error may carry: `keyValue` and `keyPattern` only on MongoDB ≥ 4.2. */
interface DuplicateKeyError {
  readonly code: number;
  readonly keyValue?: unknown;
  readonly keyPattern?: unknown;
  readonly errmsg?: unknown;
  readonly message?: unknown;
}

function isDuplicateKeyError(error: unknown): error is DuplicateKeyError {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === DUPLICATE_KEY;
}

function keysOf(value: unknown): string[] {
  return typeof value === 'object' && value !== null ? Object.keys(value) : [];
}

/** `… index: ownerId_1_reference_1 dup key: …` → ['ownerId', 'reference'] (every server names the index). */
function keysOfIndexIn(message: unknown): string[] {
  const name = typeof message === 'string' ? /index: (\S+)/.exec(message)?.[1] : undefined;
  return name === undefined ? [] : name.split(/_(?:-?1|text|hashed|2dsphere)(?:_|$)/).filter((key) => key !== '');
}

/**
 * The field a unique index refused (besides the owner), or undefined when `error` is not a duplicate key. Read
 * from `keyValue`, else `keyPattern`, else the index name in the message (AWS DocumentDB, MongoDB < 4.2).
 */
export function duplicatedField(error: unknown): string | undefined {
  if (!isDuplicateKeyError(error)) return undefined;
  const candidates = [keysOf(error.keyValue), keysOf(error.keyPattern), keysOfIndexIn(error.errmsg ?? error.message)];
  const keys = candidates.find((found) => found.length > 0) ?? [];
  return keys.find((key) => key !== OWNER) ?? 'value';
}
