import { ConflictError, NotFoundError } from '../../../shared/kernel/domain-error';
import { normalizeEmail, type User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { AccessChange, AccountChanges } from './account-changes';

export interface OperatorOutcome {
  readonly user: User;
  /** False when the account already was (or was not) an administrator: nothing was written, no session ended. */
  readonly changed: boolean;
}

/**
 * The operator's command (`npm run admin`), run where the service runs: whoever can run it there has the
 * database's authority already, so it needs no token. It makes the first administrator, and takes the role back
 * under the same rule as the API (never from the last active administrator).
 */
export class OperateAdministrators {
  constructor(
    private readonly users: UserRepository,
    private readonly accountChanges: AccountChanges,
  ) {}

  async grant(email: string): Promise<OperatorOutcome> {
    const user = await this.find(email);
    if (user.isDisabled) {
      throw new ConflictError(`${user.email} is disabled and cannot log in: grant another account`, 'account_disabled');
    }
    if (user.roles.includes('admin')) return { user, changed: false };
    return this.change(user, (current) => current.withRoles([...current.roles, 'admin']));
  }

  async revoke(email: string): Promise<OperatorOutcome> {
    const user = await this.find(email);
    if (!user.roles.includes('admin')) return { user, changed: false };
    return this.change(user, (current) => current.withRoles(current.roles.filter((role) => role !== 'admin')));
  }

  private async find(email: string): Promise<User> {
    const user = await this.users.findByEmail(normalizeEmail(email));
    if (user === undefined) {
      throw new NotFoundError(
        `No account has the email ${email}: register it first (POST /api/v1/auth/register)`,
        'user_not_found',
      );
    }
    return user;
  }

  private async change(user: User, apply: AccessChange['apply']): Promise<OperatorOutcome> {
    const changed = await this.accountChanges.apply(user.id, {
      event: 'user.roles_changed',
      actorId: 'operator',
      apply,
    });
    return { user: changed, changed: true };
  }
}
