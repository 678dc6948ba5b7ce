import type { Actor } from '../../../shared/auth/access-tokens';
import type { OrderFields } from '../domain/order.entity';
import { OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import { sampleFields } from '../domain/order.fixtures';
import type { OrderPageRequest } from '../domain/order.repository';
import { InMemoryOrderRepository } from '../infrastructure/in-memory-order.repository';
import { CreateOrder } from './create-order.use-case';
import { DeleteOrder } from './delete-order.use-case';
import { GetOrder } from './get-order.use-case';
import { ListOrders } from './list-orders.use-case';
import { UpdateOrder } from './update-order.use-case';

const ADMIN: Actor = { userId: 'admin-1', roles: ['admin', 'user'] };
const FIRST_PAGE: OrderPageRequest = { limit: 10, sort: { field: 'createdAt', direction: -1 }, where: {} };
const OWNER: Actor = { userId: 'owner-1', roles: ['user'] };
const STRANGER: Actor = { userId: 'owner-2', roles: ['user'] };

function useCases() {
  const orders = new InMemoryOrderRepository();
  const get = new GetOrder(orders);
  return {
    create: new CreateOrder(orders),
    get,
    list: new ListOrders(orders),
    update: new UpdateOrder(orders, get),
    remove: new DeleteOrder(orders, get),
  };
}

describe('orders use cases', () => {
  it('creates an order its owner can read back', async () => {
    const { create, get } = useCases();
    const created = await create.execute(OWNER, sampleFields());
    expect((await get.execute(OWNER, created.id)).toSnapshot()).toEqual(created.toSnapshot());
  });

  it('lists only the owner’s orders, newest first', async () => {
    const { create, list } = useCases();
    await create.execute(OWNER, sampleFields(1));
    await create.execute(STRANGER, sampleFields(2));
    const page = await list.execute(OWNER, FIRST_PAGE);
    expect(page.items.map((item) => item.ownerId)).toEqual([OWNER.userId]);
  });

  it('updates only the given fields', async () => {
    const { create, update } = useCases();
    const created = await create.execute(OWNER, sampleFields());
    const change: Partial<OrderFields> = { title: 'other title' };
    const updated = await update.execute(OWNER, created.id, change);
    expect(updated.toSnapshot()).toMatchObject({ ...sampleFields(), ...change, id: created.id });
  });

  it('lets one of two concurrent updates through and refuses the other, which would undo it', async () => {
    const { create, get, update } = useCases();
    const created = await create.execute(OWNER, sampleFields());
    const change: Partial<OrderFields> = { title: 'other title' };
    const first = update.execute(OWNER, created.id, change);
    const second = update.execute(OWNER, created.id, {});
    const outcomes = await Promise.allSettled([first, second]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(outcomes[1]).toMatchObject({ reason: expect.any(OrderChangedConcurrentlyError) });
    expect((await get.execute(OWNER, created.id)).toSnapshot()).toMatchObject({ ...change, version: 2 });
  });

  it('deletes, after which the order is gone', async () => {
    const { create, get, remove } = useCases();
    const created = await create.execute(OWNER, sampleFields());
    await remove.execute(OWNER, created.id);
    await expect(get.execute(OWNER, created.id)).rejects.toThrow(OrderNotFoundError);
  });

  it('answers "not found" to another user, and lets an administrator do everything', async () => {
    const { create, get, list, update, remove } = useCases();
    const created = await create.execute(OWNER, sampleFields());
    await expect(get.execute(STRANGER, created.id)).rejects.toThrow(OrderNotFoundError);
    const change: Partial<OrderFields> = { title: 'other title' };
    await expect(update.execute(STRANGER, created.id, change)).rejects.toThrow(OrderNotFoundError);
    await expect(remove.execute(STRANGER, created.id)).rejects.toThrow(OrderNotFoundError);
    expect((await list.execute(STRANGER, FIRST_PAGE)).items).toEqual([]);
    expect((await list.execute(ADMIN, FIRST_PAGE)).items).toHaveLength(1);
    expect((await update.execute(ADMIN, created.id, change)).toSnapshot()).toMatchObject(change);
    await remove.execute(ADMIN, created.id);
    await expect(get.execute(OWNER, created.id)).rejects.toThrow(OrderNotFoundError);
  });
});
