import type { AccessScope } from '../../../shared/kernel/access-scope';
import type { Page, PageRequest } from '../../../shared/kernel/page';
import { Order, type OrderSnapshot } from '../domain/order.entity';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';

function newestFirst(a: OrderSnapshot, b: OrderSnapshot): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id);
}

/** The embedded default and the fast adapter for tests; same contract as the MongoDB adapter. */
export class InMemoryOrderRepository implements OrderRepository {
  private readonly byId = new Map<string, OrderSnapshot>();

  add(order: Order): Promise<void> {
    return this.store(order.toSnapshot());
  }

  findById(id: string): Promise<Order | undefined> {
    const snapshot = this.byId.get(id);
    return Promise.resolve(snapshot === undefined ? undefined : Order.restore(snapshot));
  }

  list(scope: AccessScope, page: PageRequest): Promise<Page<Order>> {
    const inScope = [...this.byId.values()]
      .filter((snapshot) => scope.ownerId === undefined || snapshot.ownerId === scope.ownerId)
      .sort(newestFirst);
    const items = inScope.slice(page.offset, page.offset + page.limit).map((snapshot) => Order.restore(snapshot));
    return Promise.resolve({ items, total: inScope.length, limit: page.limit, offset: page.offset });
  }

  save(order: Order): Promise<void> {
    const candidate = order.toSnapshot();
    const stored = this.byId.get(candidate.id);
    if (stored?.ownerId !== candidate.ownerId) return Promise.reject(new OrderNotFoundError(candidate.id));
    if (stored.version !== candidate.version - 1) {
      return Promise.reject(new OrderChangedConcurrentlyError(candidate.id));
    }
    return this.store(candidate);
  }

  remove(id: string): Promise<boolean> {
    return Promise.resolve(this.byId.delete(id));
  }

  private store(candidate: OrderSnapshot): Promise<void> {
    for (const existing of this.byId.values()) {
      if (existing.id === candidate.id || existing.ownerId !== candidate.ownerId) continue;
      if (existing.reference === candidate.reference) {
        return Promise.reject(new DuplicateOrderError('reference'));
      }
    }
    this.byId.set(candidate.id, candidate);
    return Promise.resolve();
  }
}
