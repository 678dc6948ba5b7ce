import { z } from 'zod';
import { pageCursor, pageLimit, toPageRequest } from '../../../shared/http/page-query';
import type { UserPageRequest } from '../domain/user.repository';

/** The sorts of the users list and how each compares: by registration only. */
const SORTS = { createdAt: 'date' } as const;

/**
 * `GET /api/v1/users`'s query: one page (`limit`, and `cursor`: the previous page's `nextCursor`), oldest first
 * unless `sort=-createdAt`, administrators only with `role=admin`. Any other parameter is a 400.
 */
export const listUsersQuery = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt']).default('createdAt'),
  role: z.enum(['admin']).optional(),
});

/** The query as a page request: a cursor is refused (400) with another sort or filter than its own. */
export function listUsersPageRequest(query: z.output<typeof listUsersQuery>): UserPageRequest {
  return toPageRequest(query, SORTS);
}
