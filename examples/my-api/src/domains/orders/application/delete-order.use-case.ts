import type { Actor } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import { OrderNotFoundError } from '../domain/order.errors';
import type { OrderRepository } from '../domain/order.repository';
import type { GetOrder } from './get-order.use-case';
import { asOrderRecord, orderAbility } from './order.policy';

export class DeleteOrder {
  constructor(
    private readonly orders: OrderRepository,
    private readonly getOrder: GetOrder,
  ) {}

  /** 404 for a record the actor may not see, 403 for one they see but may not delete. */
  async execute(actor: Actor, id: string): Promise<void> {
    const order = await this.getOrder.execute(actor, id);
    if (orderAbility(actor).cannot('delete', asOrderRecord(order))) {
      throw new ForbiddenError('Not allowed to delete this order');
    }
    if (!(await this.orders.remove(id))) throw new OrderNotFoundError(id);
  }
}
