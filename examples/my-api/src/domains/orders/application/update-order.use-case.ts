import type { Order, OrderFields } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';
import type { GetOrder } from './get-order.use-case';

export class UpdateOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly getOrder: GetOrder,
  ) {}

  /** Only declared fields can change; id, owner and creation time never do. */
  async execute(ownerId: string, id: string, changes: Partial<OrderFields>): Promise<Order> {
    const updated = (await this.getOrder.execute(ownerId, id)).update(changes);
    await this.orders.save(updated);
    return updated;
  }
}
