import type { AccessScope } from '../../../shared/kernel/access-scope';
import { type Page, pageInMemory, sameValue } from '../../../shared/kernel/page';
import { Order, type OrderSnapshot } from '../domain/order.entity';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderFilter, OrderPageRequest, OrderRepository } from '../domain/order.repository';

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

  list(scope: AccessScope, page: OrderPageRequest): Promise<Page<Order>> {
    const filters = Object.entries(page.where) as [keyof OrderFilter, unknown][];
    const matching = [...this.byId.values()].filter(
      (snapshot) =>
        (scope.ownerId === undefined || snapshot.ownerId === scope.ownerId) &&
        filters.every(([field, value]) => value === undefined || sameValue(snapshot[field], value)),
    );
    const found = pageInMemory(matching, page, (snapshot) => ({ value: snapshot[page.sort.field], id: snapshot.id }));
    return Promise.resolve({ ...found, items: found.items.map((snapshot) => Order.restore(snapshot)) });
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
