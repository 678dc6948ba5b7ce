import mongoose, { mongo, Schema } from 'mongoose';
import { duplicatedField, modelFor } from './mongo-models';

describe('modelFor', () => {
  it('compiles a model once per connection and reuses it', async () => {
    const connection = mongoose.createConnection();
    const schema = new Schema({ name: String });
    expect(modelFor(connection, 'Thing', schema)).toBe(modelFor(connection, 'Thing', schema));
    await connection.close();
  });
});

describe('duplicatedField', () => {
  it('names the field a unique index refused, leaving the owner out', () => {
    const error = new mongo.MongoServerError({ message: 'E11000', code: 11000, keyValue: { ownerId: 'u1', sku: 'A' } });
    expect(duplicatedField(error)).toBe('sku');
  });

  it('ignores every other error', () => {
    expect(duplicatedField(new mongo.MongoServerError({ message: 'other', code: 2 }))).toBeUndefined();
    expect(duplicatedField(new Error('E11000'))).toBeUndefined();
  });
});
