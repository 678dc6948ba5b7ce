import { z } from 'zod';
import { pageCursor, pageLimit, queryBoolean, toPageRequest } from '../../../shared/http/page-query';
import { text, isoDate, pageFields } from '../../../shared/http/schemas';
import { ORDER_STATUS_VALUES } from '../domain/order.entity';
import type { OrderPageRequest } from '../domain/order.repository';

/** Strict objects: unknown keys (including id, ownerId and timestamps) are rejected. */
export const createOrderBody = z
  .strictObject({
    title: text,
    total: z.number(),
    quantity: z.number().int(),
    paid: z.boolean(),
    dueOn: isoDate,
    status: z.enum(ORDER_STATUS_VALUES),
    note: text.optional(),
    reference: text.meta({ description: 'Unique: 409 when already taken' }),
  })
  .meta({
    examples: [
      {
        title: 'example title',
        total: 42.5,
        quantity: 7,
        paid: true,
        dueOn: '2024-01-15T00:00:00.000Z',
        status: 'pending',
        note: 'example note',
        reference: 'example reference',
      },
    ],
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
  .refine((changes) => Object.keys(changes).length > 0, { error: 'must change at least one field' })
  .meta({ examples: [{ title: 'other title' }] });

export const orderParams = z.strictObject({ id: z.uuid() });

/** What clients see: every field but the owner's id. Dates as ISO 8601. */
export const orderResponse = z
  .object({
    id: z.uuid(),
    title: z.string(),
    total: z.number(),
    quantity: z.number().int(),
    paid: z.boolean(),
    dueOn: z.iso.datetime(),
    status: z.enum(ORDER_STATUS_VALUES),
    note: z.string().optional(),
    reference: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    version: z.number().int().meta({ description: 'One more with each update' }),
  })
  .meta({ id: 'Order' });

export const orderBody = z.object({ order: orderResponse }).meta({ id: 'OrderBody' });
export const orderPage = z.object({ items: z.array(orderResponse), ...pageFields }).meta({ id: 'OrderPage' });

/** The list's sorts (`?sort=field`, `?sort=-field`) and how each compares: createdAt and each indexed field. */
const SORTS = { createdAt: 'date', reference: 'string' } as const;

/**
 * `GET /api/v1/orders`'s query: one page (`limit`, and `cursor`: the previous page's `nextCursor`), its sort
 * (newest first by default) and equality filters on paid, status, reference.
 * Any other parameter is a 400.
 */
export const listOrdersQuery = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt', 'reference', '-reference']).default('-createdAt'),
  paid: queryBoolean.optional(),
  status: z.enum(ORDER_STATUS_VALUES).optional(),
  reference: text.optional(),
});

/** The query as a page request: a cursor is refused (400) with another sort or other filters than its own. */
export function listOrdersPageRequest(query: z.output<typeof listOrdersQuery>): OrderPageRequest {
  return toPageRequest(query, SORTS);
}
