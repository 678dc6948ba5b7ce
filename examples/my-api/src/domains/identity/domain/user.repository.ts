import type { Page, PageRequest } from '../../../shared/kernel/page';
import type { User } from './user.entity';

/** The users list's filter: `admin`, administrators only (every user has the role `user`, it would filter nothing). */
export interface UserFilter {
  readonly role?: 'admin' | undefined;
}

/** The users list sorts by registration time only. */
export type UserPageRequest = PageRequest<'createdAt', UserFilter>;

/** Port: how the identity context stores users. Adapters live in `../infrastructure`. */
export interface UserRepository {
  /** Throws EmailAlreadyRegisteredError when the email is taken. */
  add(user: User): Promise<void>;
  /**
   * Stores a change of the version that was read: throws UserChangedConcurrentlyError when the stored one has moved
   * on since, UserNotFoundError when there is none.
   */
  save(user: User): Promise<void>;
  findById(id: string): Promise<User | undefined>;
  findByEmail(email: string): Promise<User | undefined>;
  /** One page of every user (for administrators) in `page.sort` order, ties broken by id, after `page.after`. */
  list(page: UserPageRequest): Promise<Page<User>>;
  /** How many users are administrators and not disabled. */
  countActiveAdmins(): Promise<number>;
}
