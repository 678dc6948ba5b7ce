import type { ReadCache } from '../../../shared/cache/read-cache';
import type { Page, PageRequest } from '../../../shared/kernel/page';
import { Order, type OrderSnapshot } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';

/** The owner is part of the key: a cached order can only ever answer its owner's read. */
function cacheKey(ownerId: string, id: string): string {
  return `${ownerId}:${id}`;
}

/**
 * Reads a order by id through the cache; every write invalidates it, on every instance, before it answers (even
 * a failed one: it may have raced another write). Lists always read the database.
 */
export class CachedOrderRepository implements OrderRepository {
  constructor(
    private readonly stored: OrderRepository,
    private readonly cache: ReadCache<OrderSnapshot>,
  ) {}

  add(order: Order): Promise<void> {
    return this.stored.add(order);
  }

  async findOwned(ownerId: string, id: string): Promise<Order | undefined> {
    const snapshot = await this.cache.getOrLoad(cacheKey(ownerId, id), async () =>
      (await this.stored.findOwned(ownerId, id))?.toSnapshot(),
    );
    return snapshot === undefined ? undefined : Order.restore(snapshot);
  }

  listOwned(ownerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.stored.listOwned(ownerId, page);
  }

  async save(order: Order): Promise<void> {
    try {
      await this.stored.save(order);
    } finally {
      await this.cache.invalidate(cacheKey(order.ownerId, order.id));
    }
  }

  async removeOwned(ownerId: string, id: string): Promise<boolean> {
    try {
      return await this.stored.removeOwned(ownerId, id);
    } finally {
      await this.cache.invalidate(cacheKey(ownerId, id));
    }
  }
}
