import { AccountChangedDuringLoginError, InvalidCredentialsError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
import type { PasswordHasher } from './ports';
import type { Session, Sessions } from './sessions';

export interface LogInInput {
  readonly email: string;
  readonly password: string;
}

/** Looks of a login at an account that keeps changing under it. */
const ATTEMPTS = 3;

export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: Sessions,
    /** A hash of a random password: unknown emails cost one verification too, so timing reveals no accounts. */
    private readonly decoyHash: Promise<string>,
  ) {}

  /**
   * The session generation is read before the account is read again after the (slow) password check: a change of
   * the account meanwhile shows as a new version, and one after that re-read as a new generation, refused by
   * `start`. Either way the login looks again, so no session starts with a stale password, roles or status.
   */
  async execute(input: LogInInput): Promise<{ user: User; session: Session }> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const user = await this.users.findByEmail(input.email.trim().toLowerCase());
      const generation = user === undefined ? 0 : await this.sessions.generation(user.id);
      const matches = await this.hasher.verify(input.password, user?.passwordHash ?? (await this.decoyHash));
      // A disabled account is refused like a wrong password: the answer tells nobody it exists.
      if (user === undefined || !matches || user.isDisabled) throw new InvalidCredentialsError();
      if ((await this.users.findById(user.id))?.version !== user.version) continue;
      const session = await this.sessions.start(user.id, user.roles, generation);
      if (session !== undefined) return { user, session };
    }
    throw new AccountChangedDuringLoginError();
  }
}
