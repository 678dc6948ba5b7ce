import type { AccessScope } from '../../../shared/kernel/access-scope';
import { describeRepositoryContract } from '../../../shared/testing/repository-contract';
import { Order, type OrderFields } from '../domain/order.entity';
import { sampleFields } from '../domain/order.fixtures';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';
import { InMemoryOrderRepository } from './in-memory-order.repository';
import { MongoOrderRepository } from './mongo-order.repository';
import { NedbOrderRepository } from './nedb-order.repository';

const OWNER = 'owner-1';
const STRANGER = 'owner-2';

/** Created `minutesLater` minutes after a fixed instant, so that "newest first" is deterministic. */
function order(owner: string, n: number, minutesLater = n): Order {
  return Order.create(owner, sampleFields(n), new Date(Date.UTC(2024, 0, 1, 0, minutesLater)));
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

    it("lists exactly the records in scope: one owner's, or everyone's", async () => {
      const [mine, theirs] = [order(OWNER, 1), order(STRANGER, 2)];
      for (const item of [mine, theirs]) await repository().add(item);
      const ids = async (scope: AccessScope) =>
        (await repository().list(scope, { limit: 10, offset: 0 })).items.map((item) => item.id);
      expect(await ids({ ownerId: OWNER })).toEqual([mine.id]);
      expect(await ids({ ownerId: STRANGER })).toEqual([theirs.id]);
      expect(await ids({})).toEqual([theirs.id, mine.id]);
      expect((await repository().list({ ownerId: 'nobody' }, { limit: 10, offset: 0 })).total).toBe(0);
    });

    it('lists newest first, one page at a time, with the total', async () => {
      const [oldest, middle, newest] = [order(OWNER, 1), order(OWNER, 2), order(OWNER, 3)];
      for (const item of [middle, oldest, newest]) await repository().add(item);
      const first = await repository().list({ ownerId: OWNER }, { limit: 2, offset: 0 });
      const second = await repository().list({ ownerId: OWNER }, { limit: 2, offset: 2 });
      expect(first.total).toBe(3);
      expect(first.items.map((item) => item.id)).toEqual([newest.id, middle.id]);
      expect(second.items.map((item) => item.id)).toEqual([oldest.id]);
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
