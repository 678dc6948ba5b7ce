import type { AuditLog } from '../../../shared/kernel/audit';
import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import { InvalidCredentialsError } from '../domain/identity.errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import type { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { PasswordHasher } from './ports';
import { retryingLostRaces } from './lost-races';
import type { Sessions } from './sessions';

export interface ChangePasswordInput {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export class ChangePassword {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    private readonly audit: AuditLog,
  ) {}

  /** Needs the current password; afterwards every session of the user is over, this one included. */
  async execute(userId: string, input: ChangePasswordInput): Promise<void> {
    const user = await this.activeUser(userId);
    if (!(await this.hasher.verify(input.currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
    assertAcceptablePassword(input.newPassword, user.email);
    const passwordHash = await this.hasher.hash(input.newPassword);
    // Every session ends before the password changes, then again after (for logins that raced the save): with Redis
    // unreachable this fails first (503) with nothing changed, rather than change the password and keep the sessions.
    await this.sessions.endAll(userId);
    // Checking and hashing take long (about 0.7 s): an administrator may disable or demote the account meanwhile.
    // Saved over the version read, the new hash never undoes that; on a lost race it goes onto the account as it is
    // now, which must still be enabled and still have the password verified above (else another change won).
    await retryingLostRaces(
      user,
      () => this.activeUser(userId),
      async (current) => {
        if (current.passwordHash !== user.passwordHash) throw new InvalidCredentialsError();
        await this.users.save(current.withPasswordHash(passwordHash));
      },
    );
    await this.sessions.endAll(userId);
    this.audit.record({ event: 'password.changed', outcome: 'success', actorId: userId, userId });
  }

  private async activeUser(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new UnauthorizedError('Account no longer exists', 'account_gone');
    if (user.isDisabled) throw new UnauthorizedError('Account is disabled', 'account_disabled');
    return user;
  }
}
