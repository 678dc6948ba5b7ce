import { z } from 'zod';
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
