import { trusted } from 'mongoose';
import type { PageRequest } from '../kernel/page';

/**
 * One page as a MongoDB (or NeDB) query: sorted by the field then the id, both in the sort's direction, starting
 * strictly after the previous page's last (value, id). Read `limit` is one more than the page, to tell whether
 * another follows. With an index on (scope, field, _id) this is one index range, however deep the page.
 */
export function keysetQuery(request: PageRequest): {
  readonly range: Record<string, unknown>;
  readonly sort: Record<string, 1 | -1>;
  readonly limit: number;
} {
  const { field, direction } = request.sort;
  const sort = { [field]: direction, _id: direction };
  const limit = request.limit + 1;
  if (request.after === undefined) return { range: {}, sort, limit };
  const { value, id } = request.after;
  // Our own operators, over values the cursor decoding checked: marked trusted, past Mongoose's sanitizeFilter,
  // which otherwise reads any object in a filter as an equality (NeDB ignores the mark).
  const beyond = (bound: unknown) => trusted(direction === 1 ? { $gt: bound } : { $lt: bound });
  return { range: { $or: [{ [field]: beyond(value) }, { [field]: value, _id: beyond(id) }] }, sort, limit };
}
