import { z } from 'zod';
import { ValidationError } from '../kernel/domain-error';
import { newId } from '../kernel/id';
import { MAX_TEXT_LENGTH } from '../kernel/invariants';
import type { PageRequest } from '../kernel/page';
import { pageCursor, pageLimit, pageResponse, queryBoolean, toPageRequest } from './page-query';

const listQuery = z.strictObject({
  limit: pageLimit,
  cursor: pageCursor,
  sort: z.enum(['createdAt', '-createdAt', 'rank', '-rank', 'title', '-title']).default('-createdAt'),
  done: queryBoolean.optional(),
  title: z.string().max(MAX_TEXT_LENGTH).optional(),
});
const request = (input: Record<string, string>) =>
  toPageRequest(listQuery.parse(input), { createdAt: 'date', rank: 'number', title: 'string' });
const AT = new Date('2024-01-15T10:00:00.000Z');

/** The cursor of a page that ends at `value`, `id` answered for `page`. */
function cursorFor(page: PageRequest, value: Date | number | string, id = 'id-1'): string {
  const answered = { items: [], next: { value, id } };
  return String(pageResponse(answered, page, (item) => item).nextCursor);
}

describe('list queries', () => {
  it('default to the first page of DEFAULT_PAGE_SIZE, newest first, unfiltered', () => {
    expect(request({})).toEqual({ limit: 20, sort: { field: 'createdAt', direction: -1 }, where: {} });
  });

  it('read a sort, filters (booleans from true or false) and a cursor back as the position it was issued at', () => {
    const first = request({ sort: 'rank', done: 'false', limit: '5' });
    expect(first).toEqual({ limit: 5, sort: { field: 'rank', direction: 1 }, where: { done: false } });
    const cursor = cursorFor(first, 42);
    expect(request({ sort: 'rank', done: 'false', cursor }).after).toEqual({ value: 42, id: 'id-1' });
    expect(request({ cursor: cursorFor(request({}), AT) }).after).toEqual({ value: AT, id: 'id-1' });
  });

  it('answer nextCursor null on the last page', () => {
    expect(pageResponse({ items: [1] }, request({}), String)).toEqual({ items: ['1'], nextCursor: null });
  });

  it('refuse, on cursor, a cursor issued for another sort or other filters, or not issued at all', () => {
    const cursor = cursorFor(request({ done: 'true' }), AT);
    const forged = (json: string) => Buffer.from(json).toString('base64url');
    const refused: Record<string, string>[] = [
      { cursor },
      { cursor, done: 'false' },
      { cursor, done: 'true', sort: 'createdAt' },
      { cursor: 'garbled' },
      { cursor: forged('{"value":"x","id":"i","for":"[\\"-createdAt\\",[]]"}') },
      { cursor: forged('{"value":1,"id":"i","for":"[\\"-createdAt\\",[]]"}') },
    ];
    for (const input of refused) {
      const refusal = (() => {
        try {
          request(input);
          return undefined;
        } catch (error) {
          return error;
        }
      })();
      expect(refusal).toBeInstanceOf(ValidationError);
      expect((refusal as ValidationError).details).toEqual([expect.objectContaining({ in: 'query', path: 'cursor' })]);
    }
    expect(request({ cursor, done: 'true' }).after).toEqual({ value: AT, id: 'id-1' });
  });

  it('accept back the longest cursor they issue: a sort value as long as allowed, that JSON spells longest', () => {
    // Lone surrogates take six characters each in JSON; a long filter adds nothing (the cursor holds its hash).
    const value = '\udfff'.repeat(MAX_TEXT_LENGTH);
    const page = { sort: '-title', title: value };
    const id = newId();
    const cursor = cursorFor(request(page), value, id);
    expect(request({ ...page, cursor }).after).toEqual({ value, id });
    expect(listQuery.safeParse({ cursor: `${cursor}A` }).success).toBe(false); // and nothing longer
  });

  it('refuse other parameters, and limits or booleans out of bounds', () => {
    for (const input of [{ offset: '0' }, { limit: '0' }, { limit: '101' }, { done: 'yes' }, { sort: 'name' }]) {
      expect(listQuery.safeParse(input).success).toBe(false);
    }
  });
});
