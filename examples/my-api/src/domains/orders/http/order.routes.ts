import { type RequestHandler, Router } from 'express';
import { requirePrincipal } from '../../../shared/http/authenticate';
import { pageResponse } from '../../../shared/http/page-query';
import { parseBody, parseQuery } from '../../../shared/http/validate';
import type { Logger } from '../../../shared/infrastructure/logger';
import type { CreateOrder } from '../application/create-order.use-case';
import type { DeleteOrder } from '../application/delete-order.use-case';
import type { GetOrder } from '../application/get-order.use-case';
import type { ListOrders } from '../application/list-orders.use-case';
import type { UpdateOrder } from '../application/update-order.use-case';
import type { Order, OrderSnapshot } from '../domain/order.entity';
import { createOrderBody, listOrdersQuery, updateOrderBody } from './order.schemas';

export interface OrderRouteDependencies {
  readonly createOrder: CreateOrder;
  readonly getOrder: GetOrder;
  readonly listOrders: ListOrders;
  readonly updateOrder: UpdateOrder;
  readonly deleteOrder: DeleteOrder;
  readonly authenticate: RequestHandler;
  readonly logger: Logger;
}

/** What clients see: every field but the owner's id. Dates serialise as ISO 8601. */
function toOrderResponse(order: Order): Omit<OrderSnapshot, 'ownerId'> {
  const { ownerId: _owner, ...visible } = order.toSnapshot();
  return visible;
}

export function createOrderRouter(deps: OrderRouteDependencies): Router {
  const router = Router();
  router.use(deps.authenticate);

  router.post('/', async (req, res) => {
    const fields = parseBody(createOrderBody, req);
    const order = await deps.createOrder.execute(requirePrincipal(req), fields);
    deps.logger.info({ id: order.id }, 'order created');
    res
      .status(201)
      .location(`${req.baseUrl}/${order.id}`)
      .json({ order: toOrderResponse(order) });
  });

  router.get('/', async (req, res) => {
    const query = parseQuery(listOrdersQuery, req);
    const page = await deps.listOrders.execute(requirePrincipal(req), query);
    res.json(pageResponse(page, query, toOrderResponse));
  });

  router.get('/:id', async (req, res) => {
    const order = await deps.getOrder.execute(requirePrincipal(req), req.params.id);
    res.json({ order: toOrderResponse(order) });
  });

  router.patch('/:id', async (req, res) => {
    const changes = parseBody(updateOrderBody, req);
    const order = await deps.updateOrder.execute(requirePrincipal(req), req.params.id, changes);
    res.json({ order: toOrderResponse(order) });
  });

  router.delete('/:id', async (req, res) => {
    await deps.deleteOrder.execute(requirePrincipal(req), req.params.id);
    deps.logger.info({ id: req.params.id }, 'order deleted');
    res.status(204).end();
  });

  return router;
}
