import { ValidationError } from '../../../shared/kernel/domain-error';
import { Order, type OrderFields, type OrderStatus } from './order.entity';
import { sampleFields } from './order.fixtures';

const OWNER = 'owner-1';

describe('Order', () => {
  it('is created with an id, its owner and timestamps', () => {
    const now = new Date('2024-03-01T12:00:00.000Z');
    const created = Order.create(OWNER, sampleFields(), now);
    expect(created.toSnapshot()).toMatchObject({ ...sampleFields(), ownerId: OWNER, createdAt: now, updatedAt: now });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Order.create(OWNER, sampleFields()).id).not.toBe(created.id);
  });

  it('rejects a blank title', () => {
    const fields = { ...sampleFields(), title: '   ' };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects a non-finite total', () => {
    const fields = { ...sampleFields(), total: Number.NaN };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects a non-integer quantity', () => {
    const fields = { ...sampleFields(), quantity: 1.5 };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects an invalid due on', () => {
    const fields = { ...sampleFields(), dueOn: new Date('invalid') };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects an invalid status', () => {
    const fields = { ...sampleFields(), status: 'not_a_value' as OrderStatus };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects a blank note', () => {
    const fields = { ...sampleFields(), note: '   ' };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('rejects a blank reference', () => {
    const fields = { ...sampleFields(), reference: '   ' };
    expect(() => Order.create(OWNER, fields)).toThrow(ValidationError);
  });

  it('changes only what an update names, and keeps its invariants', () => {
    const created = Order.create(OWNER, sampleFields(), new Date('2024-03-01T12:00:00.000Z'));
    const later = new Date('2024-03-02T12:00:00.000Z');
    const change: Partial<OrderFields> = { title: 'other title' };
    const updated = created.update(change, later);
    expect(updated.toSnapshot()).toEqual({ ...created.toSnapshot(), ...change, updatedAt: later, version: 2 });
    expect(() => created.update({ title: '   ' })).toThrow(ValidationError);
  });

  it('clears the optional note', () => {
    const created = Order.create(OWNER, sampleFields());
    expect(created.update({ note: undefined }).toSnapshot().note).toBeUndefined();
  });
});
