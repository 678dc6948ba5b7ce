import { UnauthorizedError } from '../../../shared/kernel/domain-error';
import { InvalidCredentialsError } from '../domain/identity.errors';
import { assertAcceptablePassword } from '../domain/password-policy';
import type { UserRepository } from '../domain/user.repository';
import type { PasswordHasher } from './ports';
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
  ) {}

  /** Needs the current password; afterwards every session of the user is over, this one included. */
  async execute(userId: string, input: ChangePasswordInput): Promise<void> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new UnauthorizedError('Account no longer exists', 'account_gone');
    if (!(await this.hasher.verify(input.currentPassword, user.passwordHash))) throw new InvalidCredentialsError();
    assertAcceptablePassword(input.newPassword, user.email);
    await this.users.save(user.withPasswordHash(await this.hasher.hash(input.newPassword)));
    await this.sessions.endAll(user.id);
  }
}
