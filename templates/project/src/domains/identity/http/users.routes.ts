import { type RequestHandler, Router } from 'express';
import { z } from 'zod';
import { requirePrincipal } from '../../../shared/http/authenticate';
import { pageResponse } from '../../../shared/http/page-query';
import { parseBody, parseParams, parseQuery } from '../../../shared/http/validate';
import { ROLES } from '../../../shared/kernel/roles';
import type { AdministerUsers } from '../application/administer-users.use-case';
import { toUserResponse } from './user-response';
import { listUsersQuery } from './users.schemas';

export interface UsersRouterDependencies {
  readonly administerUsers: AdministerUsers;
  readonly authenticate: RequestHandler;
}

const userParams = z.strictObject({ id: z.uuid() });
/** The whole set of roles the user has from now on ('user' is implied). */
const rolesBody = z.strictObject({ roles: z.array(z.enum(ROLES)).max(ROLES.length) });

/** Administration of accounts: every route is for administrators, checked by the use case. */
export function createUsersRouter(deps: UsersRouterDependencies): Router {
  const router = Router();
  router.use(deps.authenticate);

  router.get('/', async (req, res) => {
    const query = parseQuery(listUsersQuery, req);
    const page = await deps.administerUsers.list(requirePrincipal(req), query);
    res.json(pageResponse(page, query, toUserResponse));
  });

  router.put('/:id/roles', async (req, res) => {
    const { id } = parseParams(userParams, req);
    const { roles } = parseBody(rolesBody, req);
    const user = await deps.administerUsers.changeRoles(requirePrincipal(req), id, roles);
    res.json({ user: toUserResponse(user) });
  });

  router.post('/:id/disable', async (req, res) => {
    const user = await deps.administerUsers.disable(requirePrincipal(req), parseParams(userParams, req).id);
    res.json({ user: toUserResponse(user) });
  });

  return router;
}
