import type { Principal } from '../../../shared/auth/access-tokens';
import type { ReadCache } from '../../../shared/cache/read-cache';
import { ForbiddenError, NotFoundError } from '../../../shared/kernel/domain-error';
import type { Page } from '../../../shared/kernel/page';
import type { Role } from '../../../shared/kernel/roles';
import type { User } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';
import type { UserProfile } from './get-current-user.use-case';
import type { Sessions } from './sessions';

/**
 * What administrators do to accounts. A change of roles or a disabled account ends every session of the user at
 * once, on every instance: the next request with an old access token is refused, so no token outlives the rights
 * it was issued with.
 */
export class AdministerUsers {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly profiles: ReadCache<UserProfile>,
  ) {}

  list(admin: Principal, page: UserPageRequest): Promise<Page<User>> {
    assertAdmin(admin);
    return this.users.list(page);
  }

  async changeRoles(admin: Principal, userId: string, roles: readonly Role[]): Promise<User> {
    assertAdmin(admin);
    return this.change(userId, (user) => user.withRoles(roles));
  }

  async disable(admin: Principal, userId: string): Promise<User> {
    assertAdmin(admin);
    if (userId === admin.userId) throw new ForbiddenError('Administrators cannot disable themselves', 'self_disable');
    return this.change(userId, (user) => user.disable());
  }

  private async change(userId: string, apply: (user: User) => User): Promise<User> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new NotFoundError(`No user ${userId}`, 'user_not_found');
    const changed = apply(user);
    await this.users.save(changed);
    await this.profiles.invalidate(userId);
    await this.sessions.endAll(userId);
    return changed;
  }
}

/** Function-level authorization (OWASP API5): these operations are for administrators only. */
function assertAdmin(principal: Principal): void {
  if (!principal.roles.includes('admin')) throw new ForbiddenError('Administrators only', 'admin_only');
}
