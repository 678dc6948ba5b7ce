import type { ReadCache } from '../../../shared/cache/read-cache';
import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import type { Role } from '../../../shared/kernel/roles';
import type { UserRepository } from '../domain/user.repository';

/** What `/me` shows of a user: what the cache keeps (never the password hash). */
export interface UserProfile {
  readonly id: string;
  readonly email: string;
  readonly createdAt: Date;
  readonly roles: readonly Role[];
}

export class GetCurrentUser {
  /** Keyed by user id; AdministerUsers invalidates it when it changes the user. */
  constructor(
    private readonly users: UserRepository,
    private readonly profiles: ReadCache<UserProfile>,
  ) {}

  /** A token whose user no longer exists authenticates nobody. */
  async execute(userId: string): Promise<UserProfile> {
    const profile = await this.profiles.getOrLoad(userId, async () => {
      const user = await this.users.findById(userId);
      if (user === undefined || user.isDisabled) return undefined;
      // No version yet: each invalidation then keeps this user's profile out of the cache for one TTL.
      const profile = { id: user.id, email: user.email, createdAt: user.createdAt, roles: user.roles };
      return { value: profile, version: user.version };
    });
    if (profile === undefined) throw new UnauthorizedError('Account no longer exists', 'account_gone');
    return profile;
  }
}
