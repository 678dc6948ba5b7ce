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
 * Whether one of `indexes` (as `schema.indexes()` lists them) serves `query` without a collection scan: its first
 * keys are the filter's fields (equality matches), followed by the sort's fields in order, all in the sort's
 * direction or all reversed. A filter on `_id` is served by MongoDB's own `_id` index; an insert needs none.
 */
export function servedByAnIndex(indexes: readonly (readonly [object, unknown])[], query: SentQuery): boolean {
  if (query.method === 'insertOne' || '_id' in query.filter) return true;
  const equal = Object.keys(query.filter);
  const sort = Object.entries(query.sort);
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
