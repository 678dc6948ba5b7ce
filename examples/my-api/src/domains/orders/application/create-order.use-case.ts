import { Order, type OrderFields } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';

export class CreateOrder {
  constructor(private readonly orders: OrderRepository) {}

  async execute(ownerId: string, fields: OrderFields): Promise<Order> {
    const order = Order.create(ownerId, fields);
    await this.orders.add(order);
    return order;
  }
}
