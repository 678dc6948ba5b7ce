import { MAX_PAGE_SIZE, type Position } from '../../../shared/kernel/page';
import { describeRepositoryContract } from '../../../shared/testing/repository-contract';
import {
  EmailAlreadyRegisteredError,
  UserChangedConcurrentlyError,
  UserNotFoundError,
} from '../domain/identity.errors';
import { User } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';

const OLDEST_FIRST: UserPageRequest = { limit: 10, sort: { field: 'createdAt', direction: 1 }, where: {} };

/** Registered `minutesLater` minutes after a fixed instant. */
function user(n: number, minutesLater = n): User {
  return User.register(`user${n}@example.com`, 'hash', new Date(Date.UTC(2026, 0, 1, 0, minutesLater)));
}
import { InMemoryUserRepository } from './in-memory-user.repository';
import { MongoUserRepository } from './mongo-user.repository';
import { NedbUserRepository } from './nedb-user.repository';

describeRepositoryContract<UserRepository>(
  'UserRepository',
  {
    memory: () => new InMemoryUserRepository(),
    embedded: (store) => new NedbUserRepository(store),
    mongo: (connection) => new MongoUserRepository(connection),
  },
  (repository) => {
    /** Every page of the list, following each page's `next` to the last page (which has none). */
    async function pages(request: UserPageRequest): Promise<string[][]> {
      const ids: string[][] = [];
      let after: Position | undefined = request.after;
      do {
        const page = await repository().list({ ...request, after });
        ids.push(page.items.map((listed) => listed.id));
        after = page.next;
      } while (after !== undefined && ids.length <= 100);
      return ids;
    }

    it('finds a stored user by id and by email', async () => {
      const user = User.register('ada@example.com', 'hash', new Date('2026-01-02T03:04:05.000Z'));
      await repository().add(user);
      expect((await repository().findById(user.id))?.toSnapshot()).toEqual(user.toSnapshot());
      expect((await repository().findByEmail('ada@example.com'))?.id).toBe(user.id);
    });

    it('keeps roles and the disabled flag, and lists users oldest first, a page at a time', async () => {
      const first = User.register('ada@example.com', 'hash', new Date('2026-01-01T00:00:00.000Z'));
      const second = User.register('bob@example.com', 'hash', new Date('2026-01-02T00:00:00.000Z'), ['admin']);
      await repository().add(second);
      await repository().add(first);
      expect((await repository().findById(second.id))?.roles).toEqual(['admin', 'user']);
      const promoted = first.withRoles(['admin']);
      await repository().save(promoted);
      await repository().save(promoted.disable());
      const changed = await repository().findById(first.id);
      expect({ roles: changed?.roles, disabled: changed?.isDisabled }).toEqual({
        roles: ['admin', 'user'],
        disabled: true,
      });
      expect(await pages({ ...OLDEST_FIRST, limit: 1 })).toEqual([[first.id], [second.id]]);
    });

    it('lists page after page either way, ties broken by id, to a last page that says so', async () => {
      const users = [3, 1, 4, 0, 2].map((n) => user(n, n % 3));
      for (const each of users) await repository().add(each);
      const byTimeThenId = (a: User, b: User) =>
        a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
      const oldestFirst = [...users].sort(byTimeThenId).map((each) => each.id);
      expect((await pages({ ...OLDEST_FIRST, limit: 2 })).map((page) => page.length)).toEqual([2, 2, 1]);
      expect((await pages({ ...OLDEST_FIRST, limit: 2 })).flat()).toEqual(oldestFirst);
      const newestFirst: UserPageRequest = { ...OLDEST_FIRST, limit: 1, sort: { field: 'createdAt', direction: -1 } };
      expect((await pages(newestFirst)).flat()).toEqual([...oldestFirst].reverse());
      expect(await pages({ ...OLDEST_FIRST, limit: 5 })).toEqual([oldestFirst]);
      expect((await repository().list({ ...OLDEST_FIRST, limit: MAX_PAGE_SIZE })).next).toBeUndefined();
    });

    it('lists only administrators with role admin, page after page', async () => {
      const users = [1, 2, 3, 4].map((n) => (n % 2 === 0 ? user(n).withRoles(['admin']) : user(n)));
      for (const each of users) await repository().add(each);
      const admins = (await pages({ ...OLDEST_FIRST, limit: 1, where: { role: 'admin' } })).flat();
      expect(admins).toEqual([users[1]?.id, users[3]?.id]);
    });

    it('neither repeats nor skips a user registered between two pages', async () => {
      const users = [1, 2, 3, 4].map((n) => user(n));
      for (const each of users) await repository().add(each);
      const first = await repository().list({ ...OLDEST_FIRST, limit: 2 });
      const [earlier, later] = [user(5, 0), user(6)];
      for (const each of [earlier, later]) await repository().add(each);
      const rest = (await pages({ ...OLDEST_FIRST, limit: 2, after: first.next })).flat();
      expect(first.items.map((listed) => listed.id)).toEqual([users[0]?.id, users[1]?.id]);
      expect(rest).toEqual([users[2]?.id, users[3]?.id, later.id]);
    });

    it('saves over the version read only: a stale save is refused and changes nothing, each save is one more', async () => {
      const stored = User.register('ada@example.com', 'hash');
      await repository().add(stored);
      const [disabling, changingPassword] = [stored.disable(), stored.withPasswordHash('new hash')];
      await repository().save(disabling);
      await expect(repository().save(changingPassword)).rejects.toThrow(UserChangedConcurrentlyError);
      expect((await repository().findById(stored.id))?.toSnapshot()).toEqual(disabling.toSnapshot());
      expect(disabling.version).toBe(2);
      await repository().save(disabling.withPasswordHash('new hash'));
      expect((await repository().findById(stored.id))?.toSnapshot()).toMatchObject({ disabled: true, version: 3 });
      await expect(repository().save(User.register('bob@example.com', 'hash').disable())).rejects.toThrow(
        UserNotFoundError,
      );
    });

    it('counts the administrators who are not disabled', async () => {
      const [ada, bob, eve] = [user(1).withRoles(['admin']), user(2).withRoles(['admin']), user(3)];
      for (const each of [ada, bob, eve]) await repository().add(each);
      expect(await repository().countActiveAdmins()).toBe(2);
      await repository().save(bob.disable());
      expect(await repository().countActiveAdmins()).toBe(1);
    });

    it('answers undefined for unknown users', async () => {
      expect(await repository().findById('00000000-0000-4000-8000-000000000000')).toBeUndefined();
      expect(await repository().findByEmail('nobody@example.com')).toBeUndefined();
    });

    it('refuses a second user with the same email', async () => {
      await repository().add(User.register('ada@example.com', 'hash'));
      await expect(repository().add(User.register('ada@example.com', 'other'))).rejects.toThrow(
        EmailAlreadyRegisteredError,
      );
    });
  },
);
