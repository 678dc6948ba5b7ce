import type { AccessScope } from '../../../shared/kernel/access-scope';
import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { Order } from './order.entity';

/** Port: how the orders context stores orders. Who may see what is the policy's, not the store's. */
export interface OrderRepository {
  /** Throws DuplicateOrderError when a unique field's value is already used by the same owner. */
  add(order: Order): Promise<void>;
  findById(id: string): Promise<Order | undefined>;
  /** Newest first; only the records in `scope` (every one, or one owner's), filtered by the query itself. */
  list(scope: AccessScope, page: PageRequest): Promise<Page<Order>>;
  /**
   * Stores an update of the version that was read: throws OrderChangedConcurrentlyError when the stored one has
   * moved on since, OrderNotFoundError when it is gone, DuplicateOrderError like `add`.
   */
  save(order: Order): Promise<void>;
  /** False when there is no order with that id. */
  remove(id: string): Promise<boolean>;
}
