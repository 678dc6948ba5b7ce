import { z } from 'zod';
import { ROLES } from '../../../shared/kernel/roles';
import type { UserProfile } from '../application/get-current-user.use-case';

/** What clients see of a user: never the password hash. */
export const userResponse = z
  .object({ id: z.uuid(), email: z.string(), roles: z.array(z.enum(ROLES)), createdAt: z.iso.datetime() })
  .meta({ id: 'User' });

export type UserResponse = z.output<typeof userResponse>;

export function toUserResponse(user: UserProfile): UserResponse {
  return { id: user.id, email: user.email, roles: [...user.roles], createdAt: user.createdAt.toISOString() };
}
