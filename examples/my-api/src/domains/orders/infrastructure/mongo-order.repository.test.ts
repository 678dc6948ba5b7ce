import mongoose from 'mongoose';
import { configureMongoose } from '../../../shared/infrastructure/mongo';
import { captureQueries, servedByAnIndex } from '../../../shared/testing/mongo-queries';
import { Order } from '../domain/order.entity';
import { sampleFields } from '../domain/order.fixtures';
import { MongoOrderRepository } from './mongo-order.repository';

// Server-free: what the adapter sends to MongoDB, answered at the collection.
describe('MongoOrderRepository queries', () => {
  const connection = mongoose.createConnection();
  const repository = new MongoOrderRepository(connection);
  const model = connection.model('Order');
  const sent = captureQueries(model);
  beforeAll(configureMongoose);
  afterAll(() => connection.close());

  it('are each served by an index the schema declares, so none scans the collection', async () => {
    const stored = Order.create('owner-1', sampleFields());
    await repository.add(stored);
    await repository.findById(stored.id);
    await repository.list({ ownerId: 'owner-1' }, { limit: 10, offset: 0 });
    await repository.list({}, { limit: 10, offset: 0 });
    await repository.save(stored.update({ title: 'other title' }));
    await repository.remove(stored.id);
    const lists = ['find', 'countDocuments', 'find', 'countDocuments'];
    const methods = ['insertOne', 'findOne', ...lists, 'replaceOne', 'deleteOne'];
    expect(sent.map((query) => query.method)).toEqual(methods);
    expect(sent.filter((query) => !servedByAnIndex(model.schema.indexes(), query))).toEqual([]);
  });

  it('refuse a filter on a field the schema does not declare', async () => {
    await expect(model.find({ ownerID: 'owner-1' }).exec()).rejects.toThrow(/ownerID.*not in schema/);
  });
});
