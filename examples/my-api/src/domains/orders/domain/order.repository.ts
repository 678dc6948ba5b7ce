import type { AccessScope } from '../../../shared/kernel/access-scope';
import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { Order, OrderFields } from './order.entity';

/** A list's equality filters (`?paid=…`): enum, boolean and indexed fields. */
export type OrderFilter = Partial<Pick<OrderFields, 'paid' | 'status' | 'reference'>>;
/** What a list sorts by (`?sort=…`, `?sort=-…`): the creation time, or a field with an index of its own. */
export type OrderSortField = 'createdAt' | 'reference';
export type OrderPageRequest = PageRequest<OrderSortField, OrderFilter>;

/** Port: how the orders context stores orders. Who may see what is the policy's, not the store's. */
export interface OrderRepository {
  /** Throws DuplicateOrderError when a unique field's value is already used by the same owner. */
  add(order: Order): Promise<void>;
  findById(id: string): Promise<Order | undefined>;
  /**
   * One page of the records in `scope` (every one, or one owner's) that match `page.where`, in `page.sort` order with
   * ties broken by id, after `page.after`; filtered by the query itself.
   */
  list(scope: AccessScope, page: OrderPageRequest): Promise<Page<Order>>;
  /**
   * Stores an update of the version that was read: throws OrderChangedConcurrentlyError when the stored one has
   * moved on since, OrderNotFoundError when it is gone, DuplicateOrderError like `add`.
   */
  save(order: Order): Promise<void>;
  /** False when there is no order with that id. */
  remove(id: string): Promise<boolean>;
}
