import type Datastore from '@seald-io/nedb';
import { type EmbeddedStore, findOne, uniqueViolation } from '../../../shared/infrastructure/embedded-store';
import {
  EmailAlreadyRegisteredError,
  UserChangedConcurrentlyError,
  UserNotFoundError,
} from '../domain/identity.errors';
import { keysetQuery } from '../../../shared/infrastructure/keyset';
import { type Page, pageOf } from '../../../shared/kernel/page';
import { DEFAULT_ROLES } from '../../../shared/kernel/roles';
import { User, type UserSnapshot } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';
import { UNVERSIONED } from './user-versions';

/** Users stored before roles existed have neither `roles` nor `disabled`; before versions existed, no `version`. */
type UserDocument = Omit<UserSnapshot, 'id' | 'roles' | 'disabled' | 'version'> &
  Partial<Pick<UserSnapshot, 'roles' | 'disabled' | 'version'>> & { _id: string };

function toUser({
  _id,
  roles = DEFAULT_ROLES,
  disabled = false,
  version = UNVERSIONED,
  ...fields
}: UserDocument): User {
  return User.restore({ id: _id, roles, disabled, version, ...fields });
}

/** Development's store when MONGODB_URI is unset (`users.db` in DATA_DIR); same contract as the MongoDB adapter. */
export class NedbUserRepository implements UserRepository {
  private readonly users: Promise<Datastore<UserDocument>>;

  constructor(store: EmbeddedStore) {
    this.users = store.open<UserDocument>('users', [{ fieldName: 'email', unique: true }]);
  }

  async add(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    try {
      await (await this.users).insertAsync({ _id: id, ...fields });
    } catch (error) {
      if (uniqueViolation(error) !== undefined) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  async save(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    const users = await this.users;
    // Replaces only the version this change was made from; a lost race matches nothing instead of winning.
    const read = fields.version - 1;
    const version = read === UNVERSIONED ? { $exists: false } : read;
    const { numAffected } = await users.updateAsync({ _id: id, version }, { _id: id, ...fields }, {});
    if (numAffected === 1) return;
    throw (await users.countAsync({ _id: id })) === 0
      ? new UserNotFoundError(id)
      : new UserChangedConcurrentlyError(id);
  }

  async findById(id: string): Promise<User | undefined> {
    const document = await findOne(await this.users, { _id: id });
    return document === undefined ? undefined : toUser(document);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const document = await findOne(await this.users, { email });
    return document === undefined ? undefined : toUser(document);
  }

  async list(page: UserPageRequest): Promise<Page<User>> {
    const { range, sort, limit } = keysetQuery(page);
    const role = page.where.role === undefined ? {} : { roles: page.where.role };
    const query = (await this.users).findAsync({ ...role, ...range });
    const documents: UserDocument[] = await query.sort(sort).limit(limit);
    const found = pageOf(documents, page.limit, (document) => ({ value: document.createdAt, id: document._id }));
    return { ...found, items: found.items.map(toUser) };
  }

  async countActiveAdmins(): Promise<number> {
    // `roles: 'admin'` matches an array holding it; every user with roles has the `disabled` flag too.
    return (await this.users).countAsync({ roles: 'admin', disabled: false });
  }
}
