import type { BoundedContext } from './context';
import { identityContext } from './identity';

/** Every bounded context of the service. `npx ddd generate domain <name>` adds new ones here. */
export const contexts: readonly BoundedContext[] = [identityContext];
