import type { Role } from '../../../shared/kernel/roles';
import type { UserProfile } from '../application/get-current-user.use-case';

export interface UserResponse {
  readonly id: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly createdAt: string;
}

/** What clients see of a user: never the password hash. */
export function toUserResponse(user: UserProfile): UserResponse {
  return { id: user.id, email: user.email, roles: user.roles, createdAt: user.createdAt.toISOString() };
}
