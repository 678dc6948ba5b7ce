import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { User } from './user.entity';

/** Port: how the identity context stores users. Adapters live in `../infrastructure`. */
export interface UserRepository {
  /** Throws EmailAlreadyRegisteredError when the email is taken. */
  add(user: User): Promise<void>;
  /** Replaces a stored user. */
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /** Every user, oldest first (for administrators). */
  list(page: PageRequest): Promise<Page<User>>;
}
