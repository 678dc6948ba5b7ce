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
  ) {}

  async execute(input: RegisterUserInput): Promise<User> {
    const email = normalizeEmail(input.email);
    assertAcceptablePassword(input.password, email);
    const user = User.register(email, await this.hasher.hash(input.password));
    await this.users.add(user);
    return user;
  }
}
