import type { Actor } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import type { Order, OrderFields } from '../domain/order.entity';
import type { OrderRepository } from '../domain/order.repository';
import type { GetOrder } from './get-order.use-case';
import { asOrderRecord, orderAbility } from './order.policy';

export class UpdateOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly getOrder: GetOrder,
  ) {}

  /** Only declared fields can change; id, owner and creation time never do. 403 for a record the actor only sees. */
  async execute(actor: Actor, id: string, changes: Partial<OrderFields>): Promise<Order> {
    const order = await this.getOrder.execute(actor, id);
    if (orderAbility(actor).cannot('update', asOrderRecord(order))) {
      throw new ForbiddenError('Not allowed to change this order');
    }
    const updated = order.update(changes);
    await this.orders.save(updated);
    return updated;
  }
}
