import mongoose from 'mongoose';
import { configureMongoose } from '../../../shared/infrastructure/mongo';
import type { AccessScope } from '../../../shared/kernel/access-scope';
import { captureQueries, servedByAnIndex } from '../../../shared/testing/mongo-queries';
import { Order } from '../domain/order.entity';
import { sampleFields } from '../domain/order.fixtures';
import type { OrderSortField } from '../domain/order.repository';
import { MongoOrderRepository } from './mongo-order.repository';

// Server-free: what the adapter sends to MongoDB, answered at the collection.
describe('MongoOrderRepository queries', () => {
  const connection = mongoose.createConnection();
  const repository = new MongoOrderRepository(connection);
  const model = connection.model('Order');
  const sent = captureQueries(model);
  const SORTS: readonly OrderSortField[] = ['createdAt', 'reference'];
  const SCOPES: readonly AccessScope[] = [{ ownerId: 'owner-1' }, {}];
  beforeAll(configureMongoose);
  afterAll(() => connection.close());
  beforeEach(() => sent.splice(0));

  it('are each served by an index the schema declares, so none scans the collection', async () => {
    const stored = Order.create('owner-1', sampleFields());
    await repository.add(stored);
    await repository.findById(stored.id);
    await repository.save(stored.update({ title: 'other title' }));
    await repository.remove(stored.id);
    expect(sent.map((query) => query.method)).toEqual(['insertOne', 'findOne', 'replaceOne', 'deleteOne']);
    expect(sent.filter((query) => !servedByAnIndex(model.schema.indexes(), query))).toEqual([]);
  });

  it('list every page, in each scope and each sort either way, as one index range', async () => {
    const last = Order.create('owner-1', sampleFields()).toSnapshot();
    for (const scope of SCOPES) {
      for (const field of SORTS) {
        for (const direction of [1, -1] as const) {
          const page = { limit: 10, sort: { field, direction }, where: {} };
          await repository.list(scope, page);
          await repository.list(scope, { ...page, after: { value: last[field], id: last.id } });
        }
      }
    }
    expect(sent).toHaveLength(SCOPES.length * SORTS.length * 4);
    expect(sent.filter((query) => !servedByAnIndex(model.schema.indexes(), query))).toEqual([]);
  });

  // A filter with another sort, or on a field without an index, narrows the scope's range for the sort instead.
  it('list filtered by one indexed field, newest first, as one index range', async () => {
    const fields = sampleFields();
    const newestFirst = { limit: 10, sort: { field: 'createdAt', direction: -1 } } as const;
    for (const scope of SCOPES) {
      await repository.list(scope, { ...newestFirst, where: { reference: fields.reference } });
    }
    expect(sent.filter((query) => !servedByAnIndex(model.schema.indexes(), query))).toEqual([]);
  });

  it('refuse a filter on a field the schema does not declare', async () => {
    await expect(model.find({ ownerID: 'owner-1' }).exec()).rejects.toThrow(/ownerID.*not in schema/);
  });
});
