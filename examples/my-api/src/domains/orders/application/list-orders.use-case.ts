import { accessScope } from '../../../shared/auth/policy-scope';
import type { Actor } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import type { Page } from '../../../shared/kernel/page';
import type { Order } from '../domain/order.entity';
import type { OrderPageRequest, OrderRepository } from '../domain/order.repository';
import { orderAbility } from './order.policy';

export class ListOrders {
  constructor(private readonly orders: OrderRepository) {}

  /** Exactly the orders the policy lets the actor read, filtered by the query itself. */
  async execute(actor: Actor, page: OrderPageRequest): Promise<Page<Order>> {
    const scope = accessScope(orderAbility(actor), 'read', 'Order');
    if (scope === undefined) throw new ForbiddenError('Not allowed to read orders');
    return this.orders.list(scope, page);
  }
}
