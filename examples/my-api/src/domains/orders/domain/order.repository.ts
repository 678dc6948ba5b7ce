import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { Order } from './order.entity';

/** Port: how the orders context stores orders. Every query is scoped to one owner. */
export interface OrderRepository {
  /** Throws DuplicateOrderError when a unique field's value is already used by the same owner. */
  add(order: Order): Promise<void>;
  findOwned(ownerId: string, id: string): Promise<Order | undefined>;
  /** Newest first. */
  listOwned(ownerId: string, page: PageRequest): Promise<Page<Order>>;
  /**
   * Stores an update of the version that was read: throws OrderChangedConcurrentlyError when the stored one has
   * moved on since, OrderNotFoundError when it is gone, DuplicateOrderError like `add`.
   */
  save(order: Order): Promise<void>;
  /** False when the owner has no order with that id. */
  removeOwned(ownerId: string, id: string): Promise<boolean>;
}
