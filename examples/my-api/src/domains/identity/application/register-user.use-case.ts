import { assertAcceptablePassword } from '../domain/password-policy';
import { normalizeEmail, User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { PasswordHasher } from './ports';

export interface RegisterUserInput {
  readonly email: string;
  readonly password: string;
}

export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    /** Lower-cased emails that register as administrators (ADMIN_EMAILS). */
    private readonly adminEmails: readonly string[] = [],
  ) {}

  async execute(input: RegisterUserInput): Promise<User> {
    const email = normalizeEmail(input.email);
    assertAcceptablePassword(input.password, email);
    const roles = this.adminEmails.includes(email) ? (['admin'] as const) : [];
    const user = User.register(email, await this.hasher.hash(input.password), new Date(), roles);
    await this.users.add(user);
    return user;
  }
}
