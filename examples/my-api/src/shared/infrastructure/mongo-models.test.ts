import mongoose, { Schema } from 'mongoose';
import { duplicatedField, modelFor } from './mongo-models';

describe('modelFor', () => {
  it('compiles a model once per connection and reuses it', async () => {
    const connection = mongoose.createConnection();
    const schema = new Schema({ name: String });
    expect(modelFor(connection, 'Thing', schema)).toBe(modelFor(connection, 'Thing', schema));
    await connection.close();
  });
});

// Plain objects shaped as servers send them: the driver's error constructors are internal.
const message = 'E11000 duplicate key error collection: app.orders index: ownerId_1_reference_1 dup key: { }';

describe('duplicatedField', () => {
  it('names the field a unique index refused, leaving the owner out', () => {
    expect(duplicatedField({ code: 11000, keyValue: { ownerId: 'u1', sku: 'A' } })).toBe('sku');
  });

  it('falls back to keyPattern, then to the index name, for servers that send no keyValue', () => {
    expect(duplicatedField({ code: 11000, keyPattern: { ownerId: 1, sku: 1 } })).toBe('sku');
    expect(duplicatedField({ code: 11000, errmsg: message })).toBe('reference');
    expect(duplicatedField({ code: 11000, message: 'E11000 duplicate key error index: email_1 dup key: { }' })).toBe(
      'email',
    );
  });

  it('is still a duplicate when nothing names the field', () => {
    expect(duplicatedField({ code: 11000, message: 'E11000' })).toBe('value');
  });

  it('ignores every other error', () => {
    expect(duplicatedField({ code: 2, errmsg: message })).toBeUndefined();
    expect(duplicatedField(new Error('E11000'))).toBeUndefined();
    expect(duplicatedField(undefined)).toBeUndefined();
  });
});
