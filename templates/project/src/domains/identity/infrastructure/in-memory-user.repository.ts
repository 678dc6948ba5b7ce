import { type Page, pageInMemory } from '../../../shared/kernel/page';
import {
  EmailAlreadyRegisteredError,
  UserChangedConcurrentlyError,
  UserNotFoundError,
} from '../domain/identity.errors';
import { User, type UserSnapshot } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';

/** The embedded default and the fast adapter for tests; same contract as the Mongo adapter. */
export class InMemoryUserRepository implements UserRepository {
  private readonly byId = new Map<string, UserSnapshot>();

  add(user: User): Promise<void> {
    const snapshot = user.toSnapshot();
    if ([...this.byId.values()].some((existing) => existing.email === snapshot.email)) {
      return Promise.reject(new EmailAlreadyRegisteredError());
    }
    this.byId.set(snapshot.id, snapshot);
    return Promise.resolve();
  }

  save(user: User): Promise<void> {
    const stored = this.byId.get(user.id);
    if (stored === undefined) return Promise.reject(new UserNotFoundError(user.id));
    if (stored.version !== user.version - 1) return Promise.reject(new UserChangedConcurrentlyError(user.id));
    this.byId.set(user.id, user.toSnapshot());
    return Promise.resolve();
  }

  findById(id: string): Promise<User | undefined> {
    const snapshot = this.byId.get(id);
    return Promise.resolve(snapshot === undefined ? undefined : User.restore(snapshot));
  }

  findByEmail(email: string): Promise<User | undefined> {
    const snapshot = [...this.byId.values()].find((existing) => existing.email === email);
    return Promise.resolve(snapshot === undefined ? undefined : User.restore(snapshot));
  }

  list(page: UserPageRequest): Promise<Page<User>> {
    const { role } = page.where;
    const matching = [...this.byId.values()].filter((user) => role === undefined || user.roles.includes(role));
    const found = pageInMemory(matching, page, (user) => ({ value: user.createdAt, id: user.id }));
    return Promise.resolve({ ...found, items: found.items.map((snapshot) => User.restore(snapshot)) });
  }

  countActiveAdmins(): Promise<number> {
    return Promise.resolve([...this.byId.values()].filter((user) => User.restore(user).isActiveAdmin).length);
  }
}
