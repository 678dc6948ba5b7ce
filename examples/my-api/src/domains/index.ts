import type { BoundedContext } from './context';
import { identityContext } from './identity';
import { ordersContext } from './orders';

/**
 * Every bounded context of the service. `npx ddd generate domain <name>` adds new ones here, one per line
 * (hence prettier-ignore), so that each registration is a one-line diff.
 */
// prettier-ignore
export const contexts: readonly BoundedContext[] = [
  identityContext,
  ordersContext,
];
