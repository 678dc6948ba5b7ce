import { type Connection, type Model, Schema } from 'mongoose';
import { duplicatedField, modelFor } from '../../../shared/infrastructure/mongo-models';
import { keysetQuery } from '../../../shared/infrastructure/keyset';
import { type Page, pageOf } from '../../../shared/kernel/page';
import {
  EmailAlreadyRegisteredError,
  UserChangedConcurrentlyError,
  UserNotFoundError,
} from '../domain/identity.errors';
import { DEFAULT_ROLES, isRole, type Role } from '../../../shared/kernel/roles';
import { User, type UserSnapshot } from '../domain/user.entity';
import type { UserPageRequest, UserRepository } from '../domain/user.repository';
import { UNVERSIONED } from './user-versions';

interface UserDocument {
  _id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
  roles?: Role[];
  disabled?: boolean;
  version?: number;
}

const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    roles: { type: [String] },
    disabled: { type: Boolean },
    version: { type: Number },
  },
  { collection: 'users', versionKey: false },
);
// Serves the administrators' list in either order (MongoDB walks an index both ways): registration time, then _id
// as the tiebreaker, so a page is one index range however deep.
userSchema.index({ createdAt: 1, _id: 1 });
// The same, administrators only (`?role=admin`): `roles` holds an array, MongoDB indexes each of its values.
userSchema.index({ roles: 1, createdAt: 1, _id: 1 });
// Counts the active administrators (the last one may not go): every user with roles has the `disabled` flag too.
userSchema.index({ roles: 1, disabled: 1 });

function toUser(document: UserDocument): User {
  const snapshot: UserSnapshot = {
    id: document._id,
    email: document.email,
    passwordHash: document.passwordHash,
    createdAt: document.createdAt,
    // Users stored before roles existed are plain users.
    roles: document.roles?.filter(isRole) ?? DEFAULT_ROLES,
    disabled: document.disabled ?? false,
    version: document.version ?? UNVERSIONED,
  };
  return User.restore(snapshot);
}

export class MongoUserRepository implements UserRepository {
  private readonly model: Model<UserDocument>;

  constructor(connection: Connection) {
    this.model = modelFor(connection, 'User', userSchema);
  }

  async add(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    try {
      await this.model.create({ _id: id, ...fields, roles: [...fields.roles] });
    } catch (error) {
      if (duplicatedField(error) !== undefined) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  async save(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    // Replaces only the version this change was made from; a lost race matches nothing instead of winning.
    const read = fields.version - 1;
    // `null` also matches a user stored before versions (no field), and needs no operator, which sanitizeFilter
    // would refuse.
    const filter = { _id: id, version: read === UNVERSIONED ? null : read };
    const { matchedCount } = await this.model
      .replaceOne(filter, { _id: id, ...fields, roles: [...fields.roles] })
      .exec();
    if (matchedCount === 1) return;
    throw (await this.model.exists({ _id: id }).exec()) === null
      ? new UserNotFoundError(id)
      : new UserChangedConcurrentlyError(id);
  }

  async findById(id: string): Promise<User | undefined> {
    const document = await this.model.findById(id).lean<UserDocument>().exec();
    return document === null ? undefined : toUser(document);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const document = await this.model.findOne({ email }).lean<UserDocument>().exec();
    return document === null ? undefined : toUser(document);
  }

  async list(page: UserPageRequest): Promise<Page<User>> {
    const { range, sort, limit } = keysetQuery(page);
    // A user stored before roles existed has none, and is no administrator: `roles: 'admin'` rightly misses it.
    const role = page.where.role === undefined ? {} : { roles: page.where.role };
    const documents = await this.model
      .find({ ...role, ...range })
      .sort(sort)
      .limit(limit)
      .lean<UserDocument[]>()
      .exec();
    const found = pageOf(documents, page.limit, (document) => ({ value: document.createdAt, id: document._id }));
    return { ...found, items: found.items.map(toUser) };
  }

  countActiveAdmins(): Promise<number> {
    return this.model.countDocuments({ roles: 'admin', disabled: false }).exec();
  }
}
