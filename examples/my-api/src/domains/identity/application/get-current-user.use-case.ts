import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import type { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';

export class GetCurrentUser {
  constructor(private readonly users: UserRepository) {}

  /** A token whose user no longer exists authenticates nobody. */
  async execute(userId: string): Promise<User> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new UnauthorizedError('Account no longer exists', 'account_gone');
    return user;
  }
}
