import type { Actor } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import type { Order } from '../domain/order.entity';
import { OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';
import { asOrderRecord, orderAbility } from './order.policy';

export class GetOrder {
  constructor(private readonly orders: OrderRepository) {}

  /** 403 when the actor may read no order at all; 404 for one they may not see (its existence is private). */
  async execute(actor: Actor, id: string): Promise<Order> {
    const ability = orderAbility(actor);
    if (ability.cannot('read', 'Order')) throw new ForbiddenError('Not allowed to read orders');
    const order = await this.orders.findById(id);
    if (order === undefined || ability.cannot('read', asOrderRecord(order))) {
      throw new OrderNotFoundError(id);
    }
    return order;
  }
}
