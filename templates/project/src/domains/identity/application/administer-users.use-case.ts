import type { Principal } from '../../../shared/auth/access-tokens';
import { ForbiddenError } from '../../../shared/kernel/domain-error';
import type { Page } from '../../../shared/kernel/page';
import type { Role } from '../../../shared/kernel/roles';
import type { User } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';
import type { AccountChanges } from './account-changes';

/** What administrators do to accounts; AccountChanges says what a change of access does and may not do. */
export class AdministerUsers {
  constructor(
    private readonly users: UserRepository,
    private readonly accountChanges: AccountChanges,
  ) {}

  list(admin: Principal, page: UserPageRequest): Promise<Page<User>> {
    assertAdmin(admin);
    return this.users.list(page);
  }

  async changeRoles(admin: Principal, userId: string, roles: readonly Role[]): Promise<User> {
    assertAdmin(admin);
    const apply = (user: User) => user.withRoles(roles);
    return this.accountChanges.apply(userId, { event: 'user.roles_changed', actorId: admin.userId, apply });
  }

  async disable(admin: Principal, userId: string): Promise<User> {
    assertAdmin(admin);
    if (userId === admin.userId) throw new ForbiddenError('Administrators cannot disable themselves', 'self_disable');
    const apply = (user: User) => user.disable();
    return this.accountChanges.apply(userId, { event: 'user.disabled', actorId: admin.userId, apply });
  }
}

/** Function-level authorization (OWASP API5): these operations are for administrators only. */
function assertAdmin(principal: Principal): void {
  if (!principal.roles.includes('admin')) throw new ForbiddenError('Administrators only', 'admin_only');
}
