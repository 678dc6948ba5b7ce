/** Lists are always paginated; no request may ask for more than this many items at once. */
export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** What a list can be sorted by: a date, a text or a number (booleans and absent values have no useful order). */
export type SortValue = Date | string | number;

/** A sort field and its direction; ties are always broken by id, in the same direction. */
export interface Sort<F extends string = string> {
  readonly field: F;
  readonly direction: 1 | -1;
}

/** Where a page ended: its last item's sort value and id. The next page starts strictly after it. */
export interface Position {
  readonly value: SortValue;
  readonly id: string;
}

/**
 * One page of a keyset (cursor) list: `where` holds equality filters, `after` the end of the previous page. No
 * offset and no count: each page is one index range, however deep, and items added between two requests neither
 * repeat nor push others to the next page.
 */
export interface PageRequest<F extends string = string, W extends object = object> {
  readonly limit: number;
  readonly sort: Sort<F>;
  readonly where: W;
  readonly after?: Position | undefined;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** The last item's position when more items follow; absent on the last page. */
  readonly next?: Position | undefined;
}

function compareValues(a: SortValue, b: SortValue): number {
  const [x, y] = [a instanceof Date ? a.getTime() : a, b instanceof Date ? b.getTime() : b];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Orders two positions as a list sorted by `sort` does: no collation, ids compared as strings. Strings compare by
 * UTF-16 code unit, as NeDB does; MongoDB compares UTF-8 bytes, which orders the same except between characters
 * above U+FFFF and those from U+E000 to U+FFFF. Each adapter pages consistently with its own order.
 */
export function comparePositions(a: Position, b: Position, sort: Sort): number {
  return sort.direction * (compareValues(a.value, b.value) || compareValues(a.id, b.id));
}

/** Equality as a filter means it: dates by instant. */
export function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/**
 * The page from up to `limit + 1` items read in order: the extra one only says that more follow, so the last page
 * is known without a count.
 */
export function pageOf<T>(read: readonly T[], limit: number, positionOf: (item: T) => Position): Page<T> {
  const items = read.slice(0, limit);
  const last = items.at(-1);
  return read.length > limit && last !== undefined ? { items, next: positionOf(last) } : { items };
}

/**
 * The in-memory adapters' list: `records` (already filtered by scope and `where`) sorted by `request.sort`, from
 * just after `request.after`, one page. Same order and bounds as the database adapters' keyset queries.
 */
export function pageInMemory<T>(
  records: readonly T[],
  request: PageRequest,
  positionOf: (record: T) => Position,
): Page<T> {
  const { after } = request;
  const following = records
    .filter((record) => after === undefined || comparePositions(positionOf(record), after, request.sort) > 0)
    .sort((a, b) => comparePositions(positionOf(a), positionOf(b), request.sort));
  return pageOf(following.slice(0, request.limit + 1), request.limit, positionOf);
}
