import type { ReadCache } from '../../../shared/cache/read-cache';
import type { AuditLog } from '../../../shared/kernel/audit';
import { LastAdministratorError, UserNotFoundError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { UserProfile } from './get-current-user.use-case';
import { retryingLostRaces } from './lost-races';
import type { Sessions } from './sessions';

/** One change of an account's access, and who asks for it (for the audit trail). */
export interface AccessChange {
  /** The audit event: `user.roles_changed`, `user.disabled`. */
  readonly event: string;
  /** A user id, or `operator` for the admin command. */
  readonly actorId: string;
  readonly apply: (user: User) => User;
}

/**
 * Changes of an account's roles or disabled flag, whoever asks (an administrator over HTTP, the operator's
 * command). Each ends every session of the user at once, on every instance, so no token outlives the rights it
 * was issued with. A role set or a disable means the same on a newer account, so a lost race is applied again to
 * the account as it is now (a password changed meanwhile stays changed, a disable stays).
 *
 * The last active administrator can neither lose the role nor be disabled: nobody could administer the service
 * any more. The administrators are counted before the save and again after it, and a change that left none is
 * taken back before it is refused: of two administrators demoting each other at once, on any instances, at most
 * one succeeds (both may be refused), so there is always one left.
 */
export class AccountChanges {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: Sessions,
    private readonly profiles: ReadCache<UserProfile>,
    private readonly audit: AuditLog,
  ) {}

  async apply(userId: string, change: AccessChange): Promise<User> {
    const changed = await retryingLostRaces(
      await this.read(userId),
      () => this.read(userId),
      async (user) => {
        const next = change.apply(user);
        const losesLastAdmin = user.isActiveAdmin && !next.isActiveAdmin;
        if (losesLastAdmin && (await this.users.countActiveAdmins()) <= 1) this.refuse(userId, change);
        await this.users.save(next);
        if (losesLastAdmin && (await this.users.countActiveAdmins()) === 0) {
          // Another administrator lost the role at the same time; this save is taken back over its own version,
          // so a conflict here is no lost race to retry but a failure (the admin command can restore one).
          await this.users.save(next.withAccessOf(user)).catch((error: unknown) => {
            throw new Error(`could not take back the demotion of the last administrator ${userId}`, { cause: error });
          });
          await this.profiles.invalidate(userId, next.version + 1);
          this.refuse(userId, change);
        }
        return next;
      },
    );
    await this.profiles.invalidate(userId, changed.version);
    await this.sessions.endAll(userId);
    this.audit.record({ event: change.event, outcome: 'success', actorId: change.actorId, userId });
    return changed;
  }

  private async read(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new UserNotFoundError(userId);
    return user;
  }

  private refuse(userId: string, change: AccessChange): never {
    const { event, actorId } = change;
    this.audit.record({ event, outcome: 'refused', actorId, userId, reason: 'last_admin' });
    throw new LastAdministratorError();
  }
}
