import type { Actor } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import { Order, type OrderFields } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';
import { orderAbility } from './order.policy';

export class CreateOrder {
  constructor(private readonly orders: OrderRepository) {}

  /** The actor owns what they create. */
  async execute(actor: Actor, fields: OrderFields): Promise<Order> {
    if (orderAbility(actor).cannot('create', 'Order')) {
      throw new ForbiddenError('Not allowed to create orders');
    }
    const order = Order.create(actor.userId, fields);
    await this.orders.add(order);
    return order;
  }
}
