import type { AccessScope } from '../../../shared/kernel/access-scope';
import { comparePositions, MAX_PAGE_SIZE, type Position, sameValue, type Sort } from '../../../shared/kernel/page';
import { describeRepositoryContract } from '../../../shared/testing/repository-contract';
import { Order, type OrderFields } from '../domain/order.entity';
import { sampleFields } from '../domain/order.fixtures';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderFilter, OrderPageRequest, OrderRepository, OrderSortField } from '../domain/order.repository';
import { InMemoryOrderRepository } from './in-memory-order.repository';
import { MongoOrderRepository } from './mongo-order.repository';
import { NedbOrderRepository } from './nedb-order.repository';

const OWNER = 'owner-1';
const STRANGER = 'owner-2';
const NEWEST_FIRST: OrderPageRequest = { limit: 10, sort: { field: 'createdAt', direction: -1 }, where: {} };

/** Created `minutesLater` minutes after a fixed instant, so that "newest first" is deterministic. */
function order(owner: string, n: number, minutesLater = n): Order {
  return Order.create(owner, sampleFields(n), new Date(Date.UTC(2024, 0, 1, 0, minutesLater)));
}

/** The ids of `records` in the order a list sorted by `sort` must give (ties broken by id, in the same direction). */
function sortedIds(records: readonly Order[], sort: Sort<OrderSortField>): string[] {
  const at = (record: Order): Position => ({ value: record.toSnapshot()[sort.field], id: record.id });
  return [...records].sort((a, b) => comparePositions(at(a), at(b), sort)).map((record) => record.id);
}

describeRepositoryContract<OrderRepository>(
  'OrderRepository',
  {
    memory: () => new InMemoryOrderRepository(),
    embedded: (store) => new NedbOrderRepository(store),
    mongo: (connection) => new MongoOrderRepository(connection),
  },
  (repository) => {
    it('finds a stored order by id, field for field', async () => {
      const stored = order(OWNER, 0);
      await repository().add(stored);
      expect((await repository().findById(stored.id))?.toSnapshot()).toEqual(stored.toSnapshot());
    });

    /** Every page of a list, following each page's `next` to the last page (which has none). */
    async function pages(scope: AccessScope, request: OrderPageRequest): Promise<string[][]> {
      const ids: string[][] = [];
      let after: Position | undefined = request.after;
      do {
        const page = await repository().list(scope, { ...request, after });
        ids.push(page.items.map((item) => item.id));
        after = page.next;
      } while (after !== undefined && ids.length <= 100);
      return ids;
    }

    it("lists exactly the records in scope: one owner's, or everyone's", async () => {
      const [mine, theirs] = [order(OWNER, 1), order(STRANGER, 2)];
      for (const item of [mine, theirs]) await repository().add(item);
      const ids = async (scope: AccessScope) => (await pages(scope, NEWEST_FIRST)).flat();
      expect(await ids({ ownerId: OWNER })).toEqual([mine.id]);
      expect(await ids({ ownerId: STRANGER })).toEqual([theirs.id]);
      expect(await ids({})).toEqual([theirs.id, mine.id]);
      expect(await repository().list({ ownerId: 'nobody' }, NEWEST_FIRST)).toEqual({ items: [] });
    });

    it('lists newest first, page after page to the last (which says so), each record once', async () => {
      const records = [3, 1, 4, 0, 2].map((n) => order(OWNER, n));
      for (const item of records) await repository().add(item);
      const newestFirst = sortedIds(records, NEWEST_FIRST.sort);
      expect(await pages({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 2 })).toEqual([
        newestFirst.slice(0, 2),
        newestFirst.slice(2, 4),
        newestFirst.slice(4),
      ]);
      // A last page that is exactly full knows it is the last.
      expect(await pages({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 5 })).toEqual([newestFirst]);
    });

    it('neither repeats nor skips a record when others are added between two pages', async () => {
      const records = [1, 2, 3, 4].map((n) => order(OWNER, n));
      for (const item of records) await repository().add(item);
      const first = await repository().list({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 2 });
      const [newer, older] = [order(OWNER, 5), order(OWNER, 6, 0)];
      for (const item of [newer, older]) await repository().add(item);
      const rest = (await pages({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 2, after: first.next })).flat();
      expect(first.items.map((item) => item.id)).toEqual([records[3]?.id, records[2]?.id]);
      expect(rest).toEqual([records[1]?.id, records[0]?.id, older.id]);
    });

    it('breaks ties by id, in the sort direction, and pages through them', async () => {
      const records = [0, 1, 2, 3].map((n) => order(n % 2 === 0 ? OWNER : STRANGER, n, 7));
      for (const item of records) await repository().add(item);
      for (const direction of [1, -1] as const) {
        const request: OrderPageRequest = { limit: 1, sort: { field: 'createdAt', direction }, where: {} };
        expect((await pages({}, request)).flat()).toEqual(sortedIds(records, request.sort));
      }
    });

    it('sorts by each sort field, either way, ties broken by id', async () => {
      // The same fields for two owners: every value is tied once across everyone's records.
      const records = [3, 1, 4, 0, 2].flatMap((n) => [order(OWNER, n), order(STRANGER, n, 10 + n)]);
      for (const item of records) await repository().add(item);
      const fields: readonly OrderSortField[] = ['createdAt', 'reference'];
      for (const field of fields) {
        for (const direction of [1, -1] as const) {
          const request: OrderPageRequest = { limit: 3, sort: { field, direction }, where: {} };
          expect((await pages({}, request)).flat()).toEqual(sortedIds(records, request.sort));
          const mine = records.filter((record) => record.ownerId === OWNER);
          expect((await pages({ ownerId: OWNER }, request)).flat()).toEqual(sortedIds(mine, request.sort));
        }
      }
    });

    it('filters by equality, page after page', async () => {
      const records = [0, 1, 2, 3, 4].map((n) => order(OWNER, n));
      for (const item of [...records, order(STRANGER, 1)]) await repository().add(item);
      const wanted = sampleFields(1);
      const expectFiltered = async (where: OrderFilter) => {
        const matches = (record: Order) =>
          Object.entries(where).every(([field, value]) =>
            sameValue(record.toSnapshot()[field as keyof OrderFilter], value),
          );
        const listed = (await pages({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 1, where })).flat();
        expect(listed).toEqual(sortedIds(records.filter(matches), NEWEST_FIRST.sort));
        expect(listed).toContain(records[1]?.id);
      };
      await expectFiltered({ paid: wanted.paid });
      await expectFiltered({ status: wanted.status });
      await expectFiltered({ reference: wanted.reference });
      await expectFiltered({ paid: wanted.paid, status: wanted.status, reference: wanted.reference });
    });

    it('answers at most `limit` records', async () => {
      const records = [0, 1, 2].map((n) => order(OWNER, n));
      for (const item of records) await repository().add(item);
      const one = await repository().list({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: 1 });
      expect(one.items).toHaveLength(1);
      expect(one.next).toBeDefined();
      const all = await repository().list({ ownerId: OWNER }, { ...NEWEST_FIRST, limit: MAX_PAGE_SIZE });
      expect({ count: all.items.length, next: all.next }).toEqual({ count: 3, next: undefined });
    });

    it('saves changes', async () => {
      const stored = order(OWNER, 0);
      await repository().add(stored);
      const change: Partial<OrderFields> = { title: 'other title' };
      const changed = stored.update(change);
      await repository().save(changed);
      expect((await repository().findById(stored.id))?.toSnapshot()).toEqual(changed.toSnapshot());
    });

    it('refuses an update made from a version that another update replaced: no update is lost', async () => {
      const stored = order(OWNER, 0);
      await repository().add(stored);
      const [first, second] = [stored.update({ title: 'other title' }), stored.update({})];
      await repository().save(first);
      await expect(repository().save(second)).rejects.toThrow(OrderChangedConcurrentlyError);
      expect((await repository().findById(stored.id))?.toSnapshot()).toEqual(first.toSnapshot());
    });

    it('refuses an update of an order removed since it was read, or of another owner', async () => {
      const stored = order(OWNER, 0);
      await repository().add(stored);
      const foreign = Order.restore({ ...stored.update({}).toSnapshot(), ownerId: STRANGER });
      await expect(repository().save(foreign)).rejects.toThrow(OrderNotFoundError); // an owner never changes
      await repository().remove(stored.id);
      await expect(repository().save(stored.update({}))).rejects.toThrow(OrderNotFoundError);
      expect(await repository().findById(stored.id)).toBeUndefined();
    });

    it('removes', async () => {
      const stored = order(OWNER, 0);
      await repository().add(stored);
      expect(await repository().remove(stored.id)).toBe(true);
      expect(await repository().findById(stored.id)).toBeUndefined();
    });

    it('refuses a second order with the same reference for one owner, not for another', async () => {
      await repository().add(order(OWNER, 0));
      const duplicate = Order.create(OWNER, { ...sampleFields(1), reference: sampleFields(0).reference });
      await expect(repository().add(duplicate)).rejects.toThrow(DuplicateOrderError);
      await expect(repository().add(order(STRANGER, 0))).resolves.toBeUndefined();
    });
  },
);
