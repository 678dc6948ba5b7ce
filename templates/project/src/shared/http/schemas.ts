import { z } from 'zod';
import { hasControlCharacter, MAX_TEXT_LENGTH } from '../kernel/invariants';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../kernel/page';

/** Request-schema building blocks shared by every context. */

/** One line of printable text (see hasControlCharacter). */
export const singleLine = z.string().refine((value) => !hasControlCharacter(value), {
  error: 'must not contain control characters',
});

export const text = singleLine.trim().min(1).max(MAX_TEXT_LENGTH);

/** An ISO 8601 date (`2024-01-15`) or date-time with offset (`2024-01-15T10:00:00Z`). */
export const isoDate = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => new Date(value));

/** `?limit=&offset=`: bounded, so no request can ask for the whole collection. */
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  offset: z.coerce.number().int().min(0).default(0),
});

/** What every list answers besides its `items`. */
export const pageFields = { total: z.number().int(), limit: z.number().int(), offset: z.number().int() };
