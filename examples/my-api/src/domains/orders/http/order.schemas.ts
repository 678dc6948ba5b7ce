import { z } from 'zod';
import { pageCursor, pageLimit, pageRequest, queryBoolean } from '../../../shared/http/page-query';
import { text, isoDate } from '../../../shared/http/schemas';
import { ORDER_STATUS_VALUES } from '../domain/order.entity';

/** Strict objects: unknown keys (including id, ownerId and timestamps) are rejected. */
export const createOrderBody = z.strictObject({
  title: text,
  total: z.number(),
  quantity: z.number().int(),
  paid: z.boolean(),
  dueOn: isoDate,
  status: z.enum(ORDER_STATUS_VALUES),
  note: text.optional(),
  reference: text,
});

/** `null` clears an optional field; absent keys stay as they were. */
const cleared = <T>(value: T | null): T | undefined => value ?? undefined;

export const updateOrderBody = z
  .strictObject({
    title: text.optional(),
    total: z.number().optional(),
    quantity: z.number().int().optional(),
    paid: z.boolean().optional(),
    dueOn: isoDate.optional(),
    status: z.enum(ORDER_STATUS_VALUES).optional(),
    note: text.nullable().optional().transform(cleared),
    reference: text.optional(),
  })
  .refine((changes) => Object.keys(changes).length > 0, { error: 'must change at least one field' });

/** The list's sorts (`?sort=field`, `?sort=-field`) and how each compares: createdAt and each indexed field. */
const SORTS = { createdAt: 'date', reference: 'string' } as const;

/**
 * `GET /api/v1/orders`'s query: one page (`limit`, and `cursor`: the previous page's `nextCursor`), its sort
 * (newest first by default) and equality filters on paid, status, reference.
 * Any other parameter is a 400.
 */
export const listOrdersParameters = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt', 'reference', '-reference']).default('-createdAt'),
  paid: queryBoolean.optional(),
  status: z.enum(ORDER_STATUS_VALUES).optional(),
  reference: text.optional(),
});

/** The same, decoded into a page request: a cursor is refused (400) with another sort or other filters. */
export const listOrdersQuery = pageRequest(listOrdersParameters, SORTS);
