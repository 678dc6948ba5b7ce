import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { Order } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';

export class ListOrders {
  constructor(private readonly orders: OrderRepository) {}

  execute(ownerId: string, page: PageRequest): Promise<Page<Order>> {
    return this.orders.listOwned(ownerId, page);
  }
}
