import type { RequestHandler } from 'express';
import { z } from 'zod';
import { ApiRouter } from '../../../shared/http/api-router';
import { pageResponse } from '../../../shared/http/page-query';
import { pageFields } from '../../../shared/http/schemas';
import { ROLES } from '../../../shared/kernel/roles';
import type { AdministerUsers } from '../application/administer-users.use-case';
import { userBody } from './auth.schemas';
import { toUserResponse, userResponse } from './user-response';
import { listUsersPageRequest, listUsersQuery } from './users.schemas';

export interface UsersRouterDependencies {
  readonly administerUsers: AdministerUsers;
  readonly authenticate: RequestHandler;
}

const userParams = z.strictObject({ id: z.uuid() });
/** The whole set of roles the user has from now on ('user' is implied). */
const rolesBody = z
  .strictObject({ roles: z.array(z.enum(ROLES)).max(ROLES.length) })
  .meta({ examples: [{ roles: ['admin'] }] });
const userPage = z.object({ items: z.array(userResponse), ...pageFields }).meta({ id: 'UserPage' });

/** Administration of accounts: every route is for administrators (403 otherwise), checked by the use case. */
export function createUsersRouter(deps: UsersRouterDependencies): ApiRouter {
  const api = new ApiRouter({ tag: 'users', authenticate: deps.authenticate });

  api.route(
    {
      method: 'get',
      path: '/',
      operationId: 'listUsers',
      summary: 'List accounts',
      auth: 'bearer',
      query: listUsersQuery,
      responses: { 200: { description: 'One page of accounts', body: userPage } },
      problems: [403],
    },
    async ({ principal, query }, _req, res) => {
      const request = listUsersPageRequest(query);
      const page = await deps.administerUsers.list(principal, request);
      res.json(pageResponse(page, request, toUserResponse));
    },
  );

  api.route(
    {
      method: 'put',
      path: '/:id/roles',
      operationId: 'changeUserRoles',
      summary: "Replace an account's roles; its sessions end",
      description: '409 `last_admin` when it would leave no active administrator.',
      auth: 'bearer',
      params: userParams,
      body: rolesBody,
      responses: { 200: { description: 'The account with its new roles', body: userBody } },
      problems: [403, 404, 409],
    },
    async ({ principal, params, body }, _req, res) => {
      const user = await deps.administerUsers.changeRoles(principal, params.id, body.roles);
      res.json({ user: toUserResponse(user) });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/:id/disable',
      operationId: 'disableUser',
      summary: 'Disable an account; its sessions end',
      description: '409 `last_admin` for the last active administrator.',
      auth: 'bearer',
      params: userParams,
      responses: { 200: { description: 'The disabled account', body: userBody } },
      problems: [403, 404, 409],
    },
    async ({ principal, params }, _req, res) => {
      const user = await deps.administerUsers.disable(principal, params.id);
      res.json({ user: toUserResponse(user) });
    },
  );

  return api;
}
