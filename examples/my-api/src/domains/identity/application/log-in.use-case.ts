import { InvalidCredentialsError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { PasswordHasher } from './ports';
import type { Session, Sessions } from './sessions';

export interface LogInInput {
  readonly email: string;
  readonly password: string;
}

export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    /** A hash of a random password: unknown emails cost one verification too, so timing reveals no accounts. */
    private readonly decoyHash: Promise<string>,
  ) {}

  async execute(input: LogInInput): Promise<{ user: User; session: Session }> {
    const user = await this.users.findByEmail(input.email.trim().toLowerCase());
    const matches = await this.hasher.verify(input.password, user?.passwordHash ?? (await this.decoyHash));
    // A disabled account is refused like a wrong password: the answer tells nobody it exists.
    if (user === undefined || !matches || user.isDisabled) throw new InvalidCredentialsError();
    return { user, session: await this.sessions.start(user.id, user.roles) };
  }
}
