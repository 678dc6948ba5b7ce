import { OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';

export class DeleteOrder {
  constructor(private readonly orders: OrderRepository) {}

  async execute(ownerId: string, id: string): Promise<void> {
    if (!(await this.orders.removeOwned(ownerId, id))) throw new OrderNotFoundError(id);
  }
}
