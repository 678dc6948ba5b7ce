import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../kernel/domain-error';
import { newId } from '../kernel/id';
import { MAX_TEXT_LENGTH } from '../kernel/invariants';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Page, type PageRequest, type Position } from '../kernel/page';

/**
 * Building blocks of every list query (`?limit=&cursor=&sort=` and equality filters). Pages are keyset pages: the
 * cursor is the position of the last item served, so no page costs more than its own items.
 */

/** How a sort field's values compare, so that a cursor's value is checked to be of that kind. */
export type SortKind = 'date' | 'string' | 'number';
export type SortKinds<F extends string> = Readonly<Record<F, SortKind>>;

/** `?limit=`: bounded, so no request can ask for the whole collection. */
export const pageLimit = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_PAGE_SIZE)
  .default(DEFAULT_PAGE_SIZE)
  .meta({ description: 'How many items at most' });

/** A boolean query parameter: exactly `true` or `false`. */
export const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * What a cursor is bound to: the sort and the filters it was issued for, in a canonical spelling, hashed so that
 * long filter values do not lengthen the cursor.
 */
function bindingOf(request: Pick<PageRequest, 'sort' | 'where'>): string {
  const where = Object.entries(request.where).sort(([a], [b]) => (a < b ? -1 : 1));
  const binding = JSON.stringify([request.sort.direction === 1 ? request.sort.field : `-${request.sort.field}`, where]);
  return createHash('sha256').update(binding).digest('base64url').slice(0, 22);
}

// The cursor's JSON: the position (a date as its ISO string) and the binding.
const cursorJson = z.strictObject({
  value: z.union([z.string(), z.number()]),
  id: z.string(),
  for: z.string(),
});

function encodeCursor(position: Position, request: Pick<PageRequest, 'sort' | 'where'>): string {
  const value = position.value instanceof Date ? position.value.toISOString() : position.value;
  return Buffer.from(JSON.stringify({ value, id: position.id, for: bindingOf(request) })).toString('base64url');
}

/**
 * The longest cursor this service issues: a sort value of MAX_TEXT_LENGTH code units that JSON spells longest
 * (lone surrogates, six characters each), an id and the binding. A longer `cursor` is no cursor of ours.
 */
const MAX_CURSOR_LENGTH = encodeCursor(
  { value: '\udfff'.repeat(MAX_TEXT_LENGTH), id: newId() },
  { sort: { field: 'createdAt', direction: 1 }, where: {} },
).length;

/** `?cursor=`: the previous answer's `nextCursor`, opaque to clients. */
export const pageCursor = z
  .string()
  .max(MAX_CURSOR_LENGTH)
  .optional()
  .meta({ description: "The previous page's `nextCursor`; only with the sort and filters it was issued for" });

/** The cursor's position, or why it cannot be used with this request. */
function decodeCursor(cursor: string, request: Omit<PageRequest, 'limit'>, kind: SortKind): Position | string {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return 'is not a cursor this service issued';
  }
  const parsed = cursorJson.safeParse(json);
  if (!parsed.success) return 'is not a cursor this service issued';
  const { value, id } = parsed.data;
  if (parsed.data.for !== bindingOf(request)) return 'was issued for another sort or other filters';
  if (kind === 'number') return typeof value === 'number' ? { value, id } : 'is not a cursor this service issued';
  if (typeof value !== 'string') return 'is not a cursor this service issued';
  if (kind === 'string') return { value, id };
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? 'is not a cursor this service issued' : { value: date, id };
}

/** The query parameters every list has; the rest of a list query's keys are its filters. */
interface ListParameters<F extends string> {
  readonly limit: number;
  readonly cursor?: string | undefined;
  readonly sort: F | `-${F}`;
}

/**
 * A list query's parameters (as its strict object schema parsed them) as a page request: the sort split into field
 * and direction, the cursor decoded into the position to start after. A cursor issued for another sort or other
 * filters, or garbled, is a 400 on `cursor`: reused elsewhere it would skip or repeat items silently.
 */
export function toPageRequest<F extends string, P extends ListParameters<F>>(
  { limit, cursor, sort, ...where }: P,
  kinds: SortKinds<F>,
): PageRequest<F, Omit<P, keyof ListParameters<F>>> {
  const descending = sort.startsWith('-');
  const field = (descending ? sort.slice(1) : sort) as F;
  const request = { limit, sort: { field, direction: descending ? -1 : 1 } as const, where };
  if (cursor === undefined) return request;
  const after = decodeCursor(cursor, request, kinds[field]);
  if (typeof after !== 'string') return { ...request, after };
  throw new ValidationError('Invalid request query', [{ in: 'query', path: 'cursor', message: `cursor ${after}` }]);
}

/** The answer to a list request: the page's items as clients see them and the cursor of the next page (or null). */
export function pageResponse<T, R>(
  page: Page<T>,
  request: Pick<PageRequest, 'sort' | 'where'>,
  toResponse: (item: T) => R,
): { readonly items: R[]; readonly nextCursor: string | null } {
  return {
    items: page.items.map(toResponse),
    nextCursor: page.next === undefined ? null : encodeCursor(page.next, request),
  };
}
