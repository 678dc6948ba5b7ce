import { AbilityBuilder, createMongoAbility, type ForcedSubject, type MongoAbility, subject } from '@casl/ability';
import type { Actor } from '../../../shared/auth/access-tokens';
import type { Order } from '../domain/order.entity';

export type OrderAction = 'create' | 'read' | 'update' | 'delete';
/** What the policy looks at in an order: who owns it. */
type OrderRecord = { readonly ownerId: string } & ForcedSubject<'Order'>;
export type OrderAbility = MongoAbility<[OrderAction, 'Order' | OrderRecord]>;

const EVERY_ACTION: OrderAction[] = ['create', 'read', 'update', 'delete'];

/**
 * Who may do what with orders (access model "owner"): each user creates and sees, changes and deletes their
 * own; administrators all of them. The one place that decides: use cases check it, list queries are scoped by it.
 */
export function orderAbility(actor: Actor): OrderAbility {
  const { can, build } = new AbilityBuilder<OrderAbility>(createMongoAbility);
  if (actor.roles.includes('admin')) {
    can(EVERY_ACTION, 'Order');
  } else {
    can('create', 'Order');
    can(['read', 'update', 'delete'], 'Order', { ownerId: actor.userId });
  }
  return build();
}

/** An order as the policy sees it. */
export function asOrderRecord(order: Order): OrderRecord {
  return subject('Order', { ownerId: order.ownerId });
}
