import request from 'supertest';
import { MAX_TEXT_LENGTH } from '../../../shared/kernel/invariants';
import { signUp, type TestAccount } from '../../../shared/testing/accounts';
import { buildTestApp } from '../../../testing/test-app';

const ROUTE = '/api/v1/orders';
const ADMIN_EMAIL = 'admin@example.com';
const TIMESTAMPS = { createdAt: expect.any(String), updatedAt: expect.any(String) };

function body(n = 0): Record<string, unknown> {
  return {
    title: `example title ${n}`,
    total: 42.5 + n,
    quantity: 7 + n,
    paid: n % 2 === 0,
    dueOn: new Date(Date.UTC(2024, 0, 15 + n)).toISOString(),
    status: n % 2 === 0 ? 'pending' : 'shipped',
    note: `example note ${n}`,
    reference: `example reference ${n}`,
  };
}

describe(ROUTE, () => {
  const app = buildTestApp({ env: { ADMIN_EMAILS: ADMIN_EMAIL } });
  let owner: TestAccount;
  let stranger: TestAccount;
  let admin: TestAccount;

  beforeAll(async () => {
    admin = await signUp(app, ADMIN_EMAIL);
    [owner, stranger] = await Promise.all([signUp(app), signUp(app)]);
  });

  const as = (account: TestAccount) => ({
    post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${account.accessToken}`),
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${account.accessToken}`),
    patch: (path: string) => request(app).patch(path).set('Authorization', `Bearer ${account.accessToken}`),
    delete: (path: string) => request(app).delete(path).set('Authorization', `Bearer ${account.accessToken}`),
  });

  async function create(account: TestAccount, n = 0): Promise<string> {
    const response = await as(account).post(ROUTE).send(body(n)).expect(201);
    return String(response.body.order.id);
  }

  it('creates, reads, updates and deletes', async () => {
    const created = await as(owner).post(ROUTE).send(body()).expect(201);
    const id = String(created.body.order.id);
    expect(created.headers.location).toBe(`${ROUTE}/${id}`);
    expect(created.body.order).toEqual({ ...body(), id, ...TIMESTAMPS, version: 1 });

    const read = await as(owner).get(`${ROUTE}/${id}`).expect(200);
    expect(read.body.order).toEqual(created.body.order);

    const change = { title: 'other title' };
    const updated = await as(owner).patch(`${ROUTE}/${id}`).send(change).expect(200);
    expect(updated.body.order).toMatchObject({ ...body(), ...change, id });

    await as(owner).delete(`${ROUTE}/${id}`).expect(204);
    await as(owner).get(`${ROUTE}/${id}`).expect(404);
  });

  it('reads each write back at once, through the cache', async () => {
    const id = await create(owner, 30);
    await as(owner).get(`${ROUTE}/${id}`).expect(200);
    for (const n of [31, 32, 33]) {
      await as(owner).patch(`${ROUTE}/${id}`).send(body(n)).expect(200);
      const read = await as(owner).get(`${ROUTE}/${id}`).expect(200);
      expect(read.body.order).toMatchObject({ ...body(n), version: n - 29 });
    }
  });

  it('sends a strong ETag, answers a matching If-None-Match with 304, and keeps proxies from storing', async () => {
    const id = await create(owner, 40);
    const read = await as(owner).get(`${ROUTE}/${id}`).expect(200);
    const etag = String(read.headers.etag);
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(read.headers['cache-control']).toBe('private, no-cache');
    await as(owner).get(`${ROUTE}/${id}`).set('If-None-Match', etag).expect(304);

    await as(owner).patch(`${ROUTE}/${id}`).send(body(41)).expect(200);
    const changed = await as(owner).get(`${ROUTE}/${id}`).set('If-None-Match', etag).expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('clears the optional note with null', async () => {
    const id = await create(owner, 100);
    const clear = { note: null };
    const response = await as(owner).patch(`${ROUTE}/${id}`).send(clear).expect(200);
    expect(response.body.order).not.toHaveProperty('note');
  });

  it('answers 401 without an access token', async () => {
    const response = await request(app).get(ROUTE).expect(401);
    expect(response.body.code).toBe('missing_token');
  });

  it('answers 404 for another user’s order, and leaves it alone', async () => {
    const id = await create(owner, 20);
    await as(stranger).get(`${ROUTE}/${id}`).expect(404);
    const change = { title: 'other title' };
    await as(stranger).patch(`${ROUTE}/${id}`).send(change).expect(404);
    await as(stranger).delete(`${ROUTE}/${id}`).expect(404);
    const response = await as(owner).get(`${ROUTE}/${id}`).expect(200);
    expect(response.body.order).toMatchObject(body(20));
    expect((await as(stranger).get(ROUTE).expect(200)).body.items).toEqual([]);
  });

  it('lets an administrator read, list, change and delete anyone’s order', async () => {
    const id = await create(owner, 21);
    await as(admin).get(`${ROUTE}/${id}`).expect(200);
    const listed = await as(admin).get(ROUTE).expect(200);
    expect(listed.body.items).toContainEqual(expect.objectContaining({ id }));
    await as(admin).patch(`${ROUTE}/${id}`).send(body(22)).expect(200);
    await as(admin).delete(`${ROUTE}/${id}`).expect(204);
    await as(owner).get(`${ROUTE}/${id}`).expect(404);
  });

  describe('validation', () => {
    it('answers 400 naming a missing required field', async () => {
      const { title: _missing, ...incomplete } = body();
      const response = await as(owner).post(ROUTE).send(incomplete).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '#/title' })]);
    });

    it('answers 400 naming a text field that holds a control character', async () => {
      const withNul = { ...body(), title: 'a\u0000b' };
      const response = await as(owner).post(ROUTE).send(withNul).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ pointer: '#/title' })]);
    });

    it('answers 400 for a value of the wrong type, such as a query operator', async () => {
      const operator = { ...body(), title: { $ne: null } };
      const response = await as(owner).post(ROUTE).send(operator).expect(400);
      expect(response.body.errors[0].pointer).toBe('#/title');
    });

    it('answers 400 for unknown or managed fields', async () => {
      const managed = { ...body(), ownerId: stranger.userId };
      const unknown = { ...body(), unexpected: true };
      await as(owner).post(ROUTE).send(managed).expect(400);
      await as(owner).post(ROUTE).send(unknown).expect(400);
    });

    it('answers 400 for an update that changes nothing', async () => {
      const id = await create(owner, 30);
      await as(owner).patch(`${ROUTE}/${id}`).send({}).expect(400);
    });
  });

  it('answers 409 for a duplicate reference', async () => {
    await create(owner, 40);
    const duplicate = { ...body(41), reference: body(40).reference };
    const response = await as(owner).post(ROUTE).send(duplicate).expect(409);
    expect(response.body.code).toBe('order_duplicate');
  });

  describe('pagination', () => {
    // One reader for these tests: signing up is rate limited.
    let reader: TestAccount;
    beforeAll(async () => {
      reader = await signUp(app);
    });

    /** Every item of a list, following `nextCursor` from the first page to the last (where it is null). */
    async function listAll(account: TestAccount, query: string): Promise<Record<string, unknown>[]> {
      const items: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      do {
        const next: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page = await as(account).get(`${ROUTE}?${query}${next}`).expect(200);
        expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
        items.push(...page.body.items);
        cursor = typeof page.body.nextCursor === 'string' ? page.body.nextCursor : null;
      } while (cursor !== null && items.length < 10_000);
      return items;
    }
    const idsOf = (items: readonly Record<string, unknown>[]) => items.map((item) => item.id);

    it('pages through the orders with nextCursor, each once, newest first unless sort=createdAt', async () => {
      const created = [await create(reader, 50), await create(reader, 51), await create(reader, 52)];
      const newestFirst = idsOf(await listAll(reader, 'limit=2'));
      expect(newestFirst).toEqual(expect.arrayContaining(created));
      expect(new Set(newestFirst).size).toBe(newestFirst.length);
      expect(idsOf(await listAll(reader, 'limit=2&sort=createdAt'))).toEqual([...newestFirst].reverse());
      const all = await as(reader).get(`${ROUTE}?limit=100`).expect(200);
      expect(all.body.nextCursor === null || all.body.items.length === 100).toBe(true);
    });

    it('sorts by reference either way (?sort=reference, ?sort=-reference)', async () => {
      for (const n of [102, 100, 101]) await create(reader, n);
      const ascending = await listAll(reader, 'limit=2&sort=reference');
      const values = ascending.map((item) => item.reference as string | number);
      expect(values).toEqual([...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(idsOf(await listAll(reader, 'limit=2&sort=-reference'))).toEqual(idsOf(ascending).reverse());
    });

    it('pages by reference through values as long as allowed, each three bytes in UTF-8', async () => {
      // The cursor of such a page holds the whole value: it must still be one that `cursor` accepts.
      const long = (n: number) => '\u754c'.repeat(MAX_TEXT_LENGTH - 3) + String(n);
      const ids: string[] = [];
      for (const n of [202, 200, 201]) {
        const record = { ...body(n), reference: long(n) };
        const response = await as(reader).post(ROUTE).send(record).expect(201);
        ids.push(String(response.body.order.id));
      }
      const listed = idsOf(await listAll(reader, 'limit=1&sort=-reference'));
      expect(listed.filter((id) => ids.includes(String(id)))).toEqual([ids[0], ids[2], ids[1]]);
    });

    it('filters by equality on paid, status, reference', async () => {
      const id = await create(reader, 70);
      await create(reader, 71);
      const wanted = body(70);
      for (const field of ['paid', 'status', 'reference']) {
        const listed = await listAll(reader, `limit=2&${field}=${encodeURIComponent(String(wanted[field]))}`);
        expect(idsOf(listed)).toContain(id);
        expect(listed.map((item) => item[field])).toEqual(listed.map(() => wanted[field]));
      }
    });

    it('answers 400 on cursor for a garbled cursor, or one issued for another sort or filter', async () => {
      for (const n of [80, 81]) await create(reader, n);
      const { nextCursor } = (await as(reader).get(`${ROUTE}?limit=1`).expect(200)).body;
      const cursor = encodeURIComponent(String(nextCursor));
      const reused = [`sort=createdAt&cursor=${cursor}`, 'cursor=not-a-cursor', `cursor=${cursor.slice(0, -4)}`];
      reused.push(`paid=${encodeURIComponent(String(body(80).paid))}&cursor=${cursor}`);
      for (const query of reused) {
        const response = await as(reader).get(`${ROUTE}?limit=1&${query}`).expect(400);
        expect(response.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
      }
      await as(reader).get(`${ROUTE}?limit=1&cursor=${cursor}`).expect(200);
    });

    // Out of bounds, not a number, unknown (offset pagination is gone), or a query operator smuggled in as a key.
    const invalidQueries = ['limit=0', 'limit=101', 'limit=ten', 'offset=0', 'sort=nope', 'status[$ne]=x', 'id=x'];
    invalidQueries.push('paid=yes'); // a boolean filter is true or false
    it.each(invalidQueries)('answers 400 for ?%s', async (query) => {
      await as(owner).get(`${ROUTE}?${query}`).expect(400);
    });
  });
});
