import { repositoryFor } from '../../shared/infrastructure/database';
import type { BoundedContext, ContextDependencies, ContextRoutes } from '../context';
import { CreateOrder } from './application/create-order.use-case';
import { DeleteOrder } from './application/delete-order.use-case';
import { GetOrder } from './application/get-order.use-case';
import { ListOrders } from './application/list-orders.use-case';
import { UpdateOrder } from './application/update-order.use-case';
import type { OrderRepository } from './domain/order.repository';
import { createOrderRouter } from './http/order.routes';
import { CachedOrderRepository } from './infrastructure/cached-order.repository';
import { InMemoryOrderRepository } from './infrastructure/in-memory-order.repository';
import { MongoOrderRepository } from './infrastructure/mongo-order.repository';
import { NedbOrderRepository } from './infrastructure/nedb-order.repository';

function orderRepository(deps: ContextDependencies): OrderRepository {
  const stored = repositoryFor<OrderRepository>(deps.database, {
    memory: () => new InMemoryOrderRepository(),
    embedded: (store) => new NedbOrderRepository(store),
    mongo: (connection) => new MongoOrderRepository(connection),
  });
  // Reads by id go through the cache. To read the database every time, return `stored` (and delete
  // infrastructure/cached-order.repository.ts).
  return new CachedOrderRepository(stored, deps.caches.forContext('orders'));
}

/**
 * Orders (access model "owner": see application/order.policy.ts). The only public surface of this
 * context.
 */
export const ordersContext: BoundedContext = {
  name: 'orders',
  register(deps: ContextDependencies): ContextRoutes {
    const orders = orderRepository(deps);
    const getOrder = new GetOrder(orders);
    const routes = createOrderRouter({
      createOrder: new CreateOrder(orders),
      getOrder,
      listOrders: new ListOrders(orders),
      updateOrder: new UpdateOrder(orders, getOrder),
      deleteOrder: new DeleteOrder(orders, getOrder),
      authenticate: deps.authenticate,
      logger: deps.logger,
    });
    return { basePath: '/api/v1/orders', routes };
  },
};
