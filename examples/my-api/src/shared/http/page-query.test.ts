import { z } from 'zod';
import type { PageRequest } from '../kernel/page';
import { pageCursor, pageLimit, pageRequest, pageResponse, queryBoolean } from './page-query';

const parameters = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt', 'rank', '-rank']).default('-createdAt'),
  done: queryBoolean.optional(),
});
const query = pageRequest(parameters, { createdAt: 'date', rank: 'number' });
const AT = new Date('2024-01-15T10:00:00.000Z');

/** The cursor a page ending at `value`, `id` answers for `request`. */
function cursorFor(request: PageRequest, value: Date | number): string {
  const page = { items: [], next: { value, id: 'id-1' } };
  return String(pageResponse(page, request, (item) => item).nextCursor);
}

describe('list queries', () => {
  it('default to the first page of DEFAULT_PAGE_SIZE, newest first, unfiltered', () => {
    expect(query.parse({})).toEqual({ limit: 20, sort: { field: 'createdAt', direction: -1 }, where: {} });
  });

  it('read a sort, filters (booleans from true or false) and a cursor back as the position it was issued at', () => {
    const first = query.parse({ sort: 'rank', done: 'false', limit: '5' });
    expect(first).toEqual({ limit: 5, sort: { field: 'rank', direction: 1 }, where: { done: false } });
    const cursor = cursorFor(first, 42);
    expect(query.parse({ sort: 'rank', done: 'false', cursor }).after).toEqual({ value: 42, id: 'id-1' });
    const byDate = query.parse({});
    expect(query.parse({ cursor: cursorFor(byDate, AT) }).after).toEqual({ value: AT, id: 'id-1' });
  });

  it('answer nextCursor null on the last page', () => {
    expect(pageResponse({ items: [1] }, query.parse({}), String)).toEqual({ items: ['1'], nextCursor: null });
  });

  it('refuse, on cursor, a cursor issued for another sort or other filters, or not issued at all', () => {
    const cursor = cursorFor(query.parse({ done: 'true' }), AT);
    const refused = [
      { cursor },
      { cursor, done: 'false' },
      { cursor, done: 'true', sort: 'createdAt' },
      { cursor: 'garbled' },
      { cursor: Buffer.from('{"value":"x","id":"i","for":"[\\"-createdAt\\",[]]"}').toString('base64url') },
      { cursor: Buffer.from('{"value":1,"id":"i","for":"[\\"-createdAt\\",[]]"}').toString('base64url') },
    ];
    for (const input of refused) {
      const result = query.safeParse(input);
      expect(result.error?.issues.map((issue) => issue.path)).toEqual([['cursor']]);
    }
    expect(query.safeParse({ cursor, done: 'true' }).success).toBe(true);
  });

  it('refuse other parameters, and limits or booleans out of bounds', () => {
    for (const input of [{ offset: '0' }, { limit: '0' }, { limit: '101' }, { done: 'yes' }, { sort: 'title' }]) {
      expect(query.safeParse(input).success).toBe(false);
    }
  });
});
