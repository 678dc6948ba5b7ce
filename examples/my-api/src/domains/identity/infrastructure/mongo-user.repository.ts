import { type Connection, type Model, Schema } from 'mongoose';
import { duplicatedField, modelFor } from '../../../shared/infrastructure/mongo-models';
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
    this.model = modelFor(connection, 'User', userSchema);
  }

  async add(user: User): Promise<void> {
    const { id, ...fields } = user.toSnapshot();
    try {
      await this.model.create({ _id: id, ...fields });
    } catch (error) {
      if (duplicatedField(error) !== undefined) throw new EmailAlreadyRegisteredError();
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
