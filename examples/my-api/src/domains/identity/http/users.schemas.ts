import { z } from 'zod';
import { pageCursor, pageLimit, pageRequest } from '../../../shared/http/page-query';

/** The sorts of the users list and how each compares: by registration only. */
const SORTS = { createdAt: 'date' } as const;

/**
 * `GET /api/v1/users`'s query: one page (`limit`, and `cursor`: the previous page's `nextCursor`), oldest first
 * unless `sort=-createdAt`. Any other parameter is a 400.
 */
export const listUsersParameters = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt']).default('createdAt'),
});

/** The same, decoded into a page request: a cursor is refused (400) with another sort. */
export const listUsersQuery = pageRequest(listUsersParameters, SORTS);
