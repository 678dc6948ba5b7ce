import { describeRepositoryContract } from '../../../shared/testing/repository-contract';
import { EmailAlreadyRegisteredError } from '../domain/identity.errors';
import { User } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';
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
      await repository().save(first.withRoles(['admin']).disable());
      const changed = await repository().findById(first.id);
      expect({ roles: changed?.roles, disabled: changed?.isDisabled }).toEqual({
        roles: ['admin', 'user'],
        disabled: true,
      });
      const page = await repository().list({ limit: 1, offset: 1 });
      expect({ ids: page.items.map((user) => user.id), total: page.total }).toEqual({ ids: [second.id], total: 2 });
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
