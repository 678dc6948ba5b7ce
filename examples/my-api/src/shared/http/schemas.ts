import { z } from 'zod';
import { hasControlCharacter, MAX_TEXT_LENGTH } from '../kernel/invariants';

/** Request-schema building blocks shared by every context. */

/** One line of printable text (see hasControlCharacter). */
export const singleLine = z.string().refine((value) => !hasControlCharacter(value), {
  error: 'must not contain control characters',
});

export const text = singleLine.trim().min(1).max(MAX_TEXT_LENGTH);

/** An ISO 8601 date (`2024-01-15`) or date-time with offset (`2024-01-15T10:00:00Z`). */
export const isoDate = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((value) => new Date(value))
  // An offset can move 9999-12-31 into year 10000: answered back, that is no ISO 8601 date-time a client parses.
  .refine((date) => date.getUTCFullYear() >= 0 && date.getUTCFullYear() <= 9999, {
    error: 'must fall within the years 0000 to 9999 in UTC',
  });

/** What every list answers besides its `items` (see ./page-query.ts). */
export const pageFields = {
  nextCursor: z.string().nullable().meta({ description: "The next page's `cursor`; null on the last page" }),
};
