import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedStore } from '../../../shared/infrastructure/embedded-store';
import { UserChangedConcurrentlyError } from '../domain/identity.errors';
import { NedbUserRepository } from './nedb-user.repository';

describe('NedbUserRepository and users stored before roles and versions existed', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'nedb-users-'));
    const stored = { _id: 'u1', email: 'ada@example.com', passwordHash: 'hash', createdAt: { $$date: 0 } };
    writeFileSync(path.join(directory, 'users.db'), `${JSON.stringify(stored)}\n`);
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('reads one as version 0, a plain user, and saves its first change over that version only', async () => {
    const repository = new NedbUserRepository(new EmbeddedStore(directory));
    const user = await repository.findById('u1');
    expect(user?.toSnapshot()).toMatchObject({ version: 0, roles: ['user'], disabled: false });
    const [disabled, changedPassword] = [user?.disable(), user?.withPasswordHash('other')];
    if (disabled === undefined || changedPassword === undefined) throw new Error('u1 was not read');
    await repository.save(disabled);
    await expect(repository.save(changedPassword)).rejects.toThrow(UserChangedConcurrentlyError);
    const reopened = new NedbUserRepository(new EmbeddedStore(directory));
    expect((await reopened.findById('u1'))?.toSnapshot()).toMatchObject({ version: 1, disabled: true });
  });
});
