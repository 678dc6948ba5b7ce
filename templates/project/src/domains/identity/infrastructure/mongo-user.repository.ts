import { type Connection, type Model, Schema } from 'mongoose';
import { EmailAlreadyRegisteredError } from '../domain/identity.errors';
import { User, type UserSnapshot } from '../domain/user.entity';
import type { UserRepository } from '../domain/user.repository';

interface UserDocument {
  _id: string;
  email: string;
  passwordHash: string;
  createdAt: Date;
}

const userSchema = new Schema<UserDocument>(
  {
    _id: { type: String, required: true },
    email: { type: String, required: true, unique: true },
    passwordHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'users', versionKey: false },
);

const MODEL_NAME = 'User';
const DUPLICATE_KEY = 11000;

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === DUPLICATE_KEY;
}

function toUser(document: UserDocument): User {
  const snapshot: UserSnapshot = {
    id: document._id,
    email: document.email,
    passwordHash: document.passwordHash,
    createdAt: document.createdAt,
  };
  return User.restore(snapshot);
}

export class MongoUserRepository implements UserRepository {
  private readonly model: Model<UserDocument>;

  constructor(connection: Connection) {
    // One model per connection: a second repository on the same connection reuses it.
    this.model =
      MODEL_NAME in connection.models
        ? connection.model<UserDocument>(MODEL_NAME)
        : connection.model<UserDocument>(MODEL_NAME, userSchema);
  }

  async add(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    try {
      await this.model.create({ _id: id, ...fields });
    } catch (error) {
      if (isDuplicateKey(error)) throw new EmailAlreadyRegisteredError();
      throw error;
    }
  }

  async save(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    await this.model.replaceOne({ _id: id }, { _id: id, ...fields }).exec();
  }

  async findById(id: string): Promise<User | undefined> {
    const document = await this.model.findById(id).lean<UserDocument>().exec();
    return document === null ? undefined : toUser(document);
  }

  async findByEmail(email: string): Promise<User | undefined> {
    const document = await this.model.findOne({ email }).lean<UserDocument>().exec();
    return document === null ? undefined : toUser(document);
  }
}
