import type { RequestHandler } from 'express';
import { ApiRouter } from '../../../shared/http/api-router';
import { pageResponse } from '../../../shared/http/page-query';
import type { Logger } from '../../../shared/infrastructure/logger';
import type { CreateOrder } from '../application/create-order.use-case';
import type { DeleteOrder } from '../application/delete-order.use-case';
import type { GetOrder } from '../application/get-order.use-case';
import type { ListOrders } from '../application/list-orders.use-case';
import type { UpdateOrder } from '../application/update-order.use-case';
import type { Order, OrderSnapshot } from '../domain/order.entity';
import {
  orderBody,
  orderPage,
  orderParams,
  createOrderBody,
  listOrdersPageRequest,
  listOrdersQuery,
  updateOrderBody,
} from './order.schemas';

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

/** Every route needs an access token; what each user may do is the policy's (403, or 404 for what they cannot see). */
export function createOrderRouter(deps: OrderRouteDependencies): ApiRouter {
  const api = new ApiRouter({ tag: 'orders', authenticate: deps.authenticate });

  api.route(
    {
      method: 'post',
      path: '/',
      operationId: 'createOrder',
      summary: 'Create a new order',
      auth: 'bearer',
      body: createOrderBody,
      responses: { 201: { description: 'Created', body: orderBody, headers: { Location: 'Its URL' } } },
      problems: [403, 409],
    },
    async ({ principal, body }, req, res) => {
      const order = await deps.createOrder.execute(principal, body);
      deps.logger.info({ id: order.id }, 'order created');
      res
        .status(201)
        .location(`${req.baseUrl}/${order.id}`)
        .json({ order: toOrderResponse(order) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/',
      operationId: 'listOrders',
      summary: 'List the orders the caller may read, newest first',
      auth: 'bearer',
      query: listOrdersQuery,
      responses: { 200: { description: 'One page', body: orderPage } },
      problems: [403],
    },
    async ({ principal, query }, _req, res) => {
      const request = listOrdersPageRequest(query);
      const page = await deps.listOrders.execute(principal, request);
      res.json(pageResponse(page, request, toOrderResponse));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/:id',
      operationId: 'getOrder',
      summary: 'Read one order',
      auth: 'bearer',
      params: orderParams,
      responses: { 200: { description: 'Found', body: orderBody } },
      problems: [403, 404],
    },
    async ({ principal, params }, _req, res) => {
      const order = await deps.getOrder.execute(principal, params.id);
      res.json({ order: toOrderResponse(order) });
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/:id',
      operationId: 'updateOrder',
      summary: 'Change fields of one order',
      description: '409 when another request changed it since it was read, or a unique value is taken',
      auth: 'bearer',
      params: orderParams,
      body: updateOrderBody,
      responses: { 200: { description: 'Updated', body: orderBody } },
      problems: [403, 404, 409],
    },
    async ({ principal, params, body }, _req, res) => {
      const order = await deps.updateOrder.execute(principal, params.id, body);
      res.json({ order: toOrderResponse(order) });
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/:id',
      operationId: 'deleteOrder',
      summary: 'Delete one order',
      auth: 'bearer',
      params: orderParams,
      responses: { 204: { description: 'Deleted' } },
      problems: [403, 404],
    },
    async ({ principal, params }, _req, res) => {
      await deps.deleteOrder.execute(principal, params.id);
      deps.logger.info({ id: params.id }, 'order deleted');
      res.status(204).end();
    },
  );

  return api;
}
