import mongoose from 'mongoose';
import { configureMongoose } from '../../../shared/infrastructure/mongo';
import { captureQueries, servedByAnIndex } from '../../../shared/testing/mongo-queries';
import { User } from '../domain/user.entity';
import { MongoUserRepository } from './mongo-user.repository';

// Server-free: what the adapter sends to MongoDB, answered at the collection.
describe('MongoUserRepository queries', () => {
  const connection = mongoose.createConnection();
  const repository = new MongoUserRepository(connection);
  const model = connection.model('User');
  const sent = captureQueries(model);
  beforeAll(configureMongoose);
  afterAll(() => connection.close());

  it('are each served by an index the schema declares, so none scans the collection', async () => {
    const user = User.register('ada@example.com', 'hash');
    await repository.add(user);
    await repository.findById(user.id);
    await repository.findByEmail('ada@example.com');
    await repository.save(user.disable());
    await repository.countActiveAdmins();
    await repository.save(User.restore({ ...user.toSnapshot(), version: 0 }).disable());
    for (const direction of [1, -1] as const) {
      const page = { limit: 10, sort: { field: 'createdAt', direction }, where: {} } as const;
      await repository.list(page);
      await repository.list({ ...page, after: { value: user.createdAt, id: user.id } });
      await repository.list({ ...page, where: { role: 'admin' } });
    }
    const lists = ['find', 'find', 'find', 'find', 'find', 'find'];
    const methods = ['insertOne', 'findOne', 'findOne', 'replaceOne', 'countDocuments', 'replaceOne', ...lists];
    expect(sent.map((query) => query.method)).toEqual(methods);
    // The save replaces the version it was made from, and nothing newer.
    expect(sent[3]?.filter).toEqual({ _id: user.id, version: 1 });
    // A user stored before versions has no `version` field: null matches it.
    expect(sent[5]?.filter).toEqual({ _id: user.id, version: null });
    expect(sent.filter((query) => !servedByAnIndex(model.schema.indexes(), query))).toEqual([]);
  });
});
