import { UserChangedConcurrentlyError } from '../domain/identity.errors';
import type { User } from '../domain/user.entity';

/** Attempts in all: another race lost after that is answered 409 (`user_changed`), not retried for ever. */
const ATTEMPTS = 3;

/**
 * Runs `write` on `user` as read; when another request saved the account first (UserChangedConcurrentlyError),
 * on the account as `reread` finds it now, so that the write applies over that change instead of undoing it.
 * Only for writes that mean the same on the newer account; `write` re-checks whatever its rules read.
 */
export async function retryingLostRaces<T>(
  user: User,
  reread: () => Promise<User>,
  write: (user: User) => Promise<T>,
): Promise<T> {
  let current = user;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write(current);
    } catch (error) {
      if (!(error instanceof UserChangedConcurrentlyError) || attempt === ATTEMPTS) throw error;
      current = await reread();
    }
  }
}
