import type Datastore from '@seald-io/nedb';
import { type EmbeddedStore, findOne, uniqueViolation } from '../../../shared/infrastructure/embedded-store';
import { EmailAlreadyRegisteredError } from '../domain/identity.errors';
import { keysetQuery } from '../../../shared/infrastructure/keyset';
import { type Page, pageOf } from '../../../shared/kernel/page';
import { DEFAULT_ROLES } from '../../../shared/kernel/roles';
import { User, type UserSnapshot } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';

/** Users stored before roles existed have neither `roles` nor `disabled`. */
type UserDocument = Omit<UserSnapshot, 'id' | 'roles' | 'disabled'> &
  Partial<Pick<UserSnapshot, 'roles' | 'disabled'>> & { _id: string };

function toUser({ _id, roles = DEFAULT_ROLES, disabled = false, ...fields }: UserDocument): User {
  return User.restore({ id: _id, roles, disabled, ...fields });
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
    await (await this.users).updateAsync({ _id: id }, { _id: id, ...fields }, {});
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
}
