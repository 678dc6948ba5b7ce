import type { ReadCache } from '../../../shared/cache/read-cache';
import type { AccessScope } from '../../../shared/kernel/access-scope';
import type { Page } from '../../../shared/kernel/page';
import { Order, type OrderSnapshot } from '../domain/order.entity';
import type { OrderPageRequest, OrderRepository } from '../domain/order.repository';

/**
 * Reads an order by id through the cache (keyed by id: who may see it is the policy's, checked after
 * every read, cached or not); every write invalidates it, on every instance, before it answers (even a failed one:
 * it may have landed), with the version it writes: the cache then takes no older version. Lists always read the
 * database.
 */
export class CachedOrderRepository implements OrderRepository {
  constructor(
    private readonly stored: OrderRepository,
    private readonly cache: ReadCache<OrderSnapshot>,
  ) {}

  add(order: Order): Promise<void> {
    return this.stored.add(order);
  }

  async findById(id: string): Promise<Order | undefined> {
    const snapshot = await this.cache.getOrLoad(id, async () => {
      const value = (await this.stored.findById(id))?.toSnapshot();
      return value === undefined ? undefined : { value, version: value.version };
    });
    return snapshot === undefined ? undefined : Order.restore(snapshot);
  }

  list(scope: AccessScope, page: OrderPageRequest): Promise<Page<Order>> {
    return this.stored.list(scope, page);
  }

  async save(order: Order): Promise<void> {
    try {
      await this.stored.save(order);
    } finally {
      await this.cache.invalidate(order.id, order.toSnapshot().version);
    }
  }

  async remove(id: string): Promise<boolean> {
    try {
      return await this.stored.remove(id);
    } finally {
      // No version: nothing of this id is cached until the tombstone expires (and then no read finds it).
      await this.cache.invalidate(id);
    }
  }
}
