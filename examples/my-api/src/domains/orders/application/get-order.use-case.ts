import type { Order } from '../domain/order.entity';
import { OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';

export class GetOrder {
  constructor(private readonly orders: OrderRepository) {}

  async execute(ownerId: string, id: string): Promise<Order> {
    const order = await this.orders.findOwned(ownerId, id);
    if (order === undefined) throw new OrderNotFoundError(id);
    return order;
  }
}
