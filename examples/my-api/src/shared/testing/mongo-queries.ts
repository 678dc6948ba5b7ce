import type { Model } from 'mongoose';

/** What an adapter sent to a collection: the method, its filter and its sort. */
export interface SentQuery {
  readonly method: string;
  readonly filter: Readonly<Record<string, unknown>>;
  readonly sort: Readonly<Record<string, unknown>>;
}

// What each collection method answers here: nothing found, every write applied.
const ANSWERS: Readonly<Record<string, unknown>> = {
  findOne: null,
  countDocuments: 0,
  insertOne: { acknowledged: true },
  replaceOne: { acknowledged: true, matchedCount: 1, modifiedCount: 1 },
  deleteOne: { acknowledged: true, deletedCount: 1 },
};
const EMPTY_CURSOR = { toArray: () => Promise.resolve([]) };

function sortOf(options: unknown): Record<string, unknown> {
  const sort = typeof options === 'object' && options !== null && 'sort' in options ? options.sort : undefined;
  return typeof sort === 'object' && sort !== null ? { ...sort } : {};
}

/**
 * Answers `model`'s collection methods without a server and records every query an adapter sends through them, so
 * a test can check what reaches MongoDB (filters, sorts) with no database running.
 */
export function captureQueries(model: Pick<Model<unknown>, 'collection'>): SentQuery[] {
  const sent: SentQuery[] = [];
  const record =
    (method: string) =>
    (filter: Record<string, unknown>, ...rest: unknown[]) => {
      sent.push({ method, filter: method === 'insertOne' ? {} : filter, sort: sortOf(rest.at(-1)) });
      return method === 'find' ? EMPTY_CURSOR : Promise.resolve(ANSWERS[method]);
    };
  Object.assign(model.collection, Object.fromEntries(['find', ...Object.keys(ANSWERS)].map((m) => [m, record(m)])));
  return sent;
}

/**
 * The equality fields of `filter`, or undefined when it has a condition other than equality and a keyset range.
 * The range a page starts after (`{ $or: [{ f: { $lt: v } }, { f: v, _id: { $lt: id } }] }`, or `$gt`) is on
 * the sort's fields only, which the index holds right after the equality fields: it bounds the same index walk.
 */
function equalityFields(filter: Readonly<Record<string, unknown>>, sort: readonly string[]): string[] | undefined {
  const { $or: range, ...rest } = filter;
  const isCondition = (value: unknown) =>
    typeof value === 'object' && value !== null && !(value instanceof Date) && !Array.isArray(value);
  if (Object.values(rest).some(isCondition)) return undefined;
  if (range === undefined) return Object.keys(rest);
  const onSortFields =
    Array.isArray(range) &&
    range.every(
      (branch) =>
        typeof branch === 'object' &&
        branch !== null &&
        Object.entries(branch).every(
          ([field, value]) =>
            sort.includes(field) &&
            (!isCondition(value) || Object.keys(value as object).every((op) => op === '$lt' || op === '$gt')),
        ),
    );
  return onSortFields ? Object.keys(rest) : undefined;
}

/**
 * Whether one of `indexes` (as `schema.indexes()` lists them) serves `query` without a collection scan or an
 * in-memory sort: its first keys are the filter's equality fields, followed by the sort's fields in order (those
 * the filter fixes left out), all in the sort's direction or all reversed; a keyset range on the sort's fields
 * is allowed. A filter on `_id` is served by MongoDB's own `_id` index; an insert needs none.
 */
export function servedByAnIndex(indexes: readonly (readonly [object, unknown])[], query: SentQuery): boolean {
  if (query.method === 'insertOne' || '_id' in query.filter) return true;
  const equal = equalityFields(query.filter, Object.keys(query.sort));
  if (equal === undefined) return false;
  const sort = Object.entries(query.sort).filter(([field]) => !equal.includes(field));
  return indexes.some(([index]) => {
    const keys = Object.entries(index);
    const leading = new Set(keys.slice(0, equal.length).map(([field]) => field));
    const following = keys.slice(equal.length, equal.length + sort.length);
    const matches = (sign: number) =>
      following.every(([field, direction], i) => {
        const [sortField, sortDirection] = sort[i] ?? [];
        return field === sortField && direction === sign * Number(sortDirection);
      });
    return (
      equal.every((field) => leading.has(field)) && following.length === sort.length && (matches(1) || matches(-1))
    );
  });
}
