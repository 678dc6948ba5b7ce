import { ValidationError } from '../../../shared/kernel/domain-error';
import { Order, type OrderFields, type OrderStatus } from './order.entity';

const OWNER = 'owner-1';

function sample(n = 0): OrderFields {
  return {
    title: `example title ${n}`,
    total: 42.5 + n,
    quantity: 7 + n,
    paid: n % 2 === 0,
    dueOn: new Date(Date.UTC(2024, 0, 15 + n)),
    status: n % 2 === 0 ? 'pending' : 'shipped',
    note: `example note ${n}`,
    reference: `example reference ${n}`,
  };
}

describe('Order', () => {
  it('is created with an id, its owner and timestamps', () => {
    const now = new Date('2024-03-01T12:00:00.000Z');
    const created = Order.create(OWNER, sample(), now);
    expect(created.toSnapshot()).toMatchObject({ ...sample(), ownerId: OWNER, createdAt: now, updatedAt: now });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(Order.create(OWNER, sample()).id).not.toBe(created.id);
  });

  it('rejects a blank title', () => {
    expect(() => Order.create(OWNER, { ...sample(), title: '   ' })).toThrow(ValidationError);
  });

  it('rejects a non-finite total', () => {
    expect(() => Order.create(OWNER, { ...sample(), total: Number.NaN })).toThrow(ValidationError);
  });

  it('rejects a non-integer quantity', () => {
    expect(() => Order.create(OWNER, { ...sample(), quantity: 1.5 })).toThrow(ValidationError);
  });

  it('rejects an invalid due on', () => {
    expect(() => Order.create(OWNER, { ...sample(), dueOn: new Date('invalid') })).toThrow(ValidationError);
  });

  it('rejects an invalid status', () => {
    expect(() => Order.create(OWNER, { ...sample(), status: 'not_a_value' as OrderStatus })).toThrow(ValidationError);
  });

  it('rejects a blank note', () => {
    expect(() => Order.create(OWNER, { ...sample(), note: '   ' })).toThrow(ValidationError);
  });

  it('rejects a blank reference', () => {
    expect(() => Order.create(OWNER, { ...sample(), reference: '   ' })).toThrow(ValidationError);
  });

  it('changes only what an update names, and keeps its invariants', () => {
    const created = Order.create(OWNER, sample(), new Date('2024-03-01T12:00:00.000Z'));
    const later = new Date('2024-03-02T12:00:00.000Z');
    const change: Partial<OrderFields> = { title: 'other title' };
    const updated = created.update(change, later);
    expect(updated.toSnapshot()).toEqual({ ...created.toSnapshot(), ...change, updatedAt: later });
    expect(() => created.update({ title: '   ' })).toThrow(ValidationError);
  });

  it('clears the optional note', () => {
    const created = Order.create(OWNER, sample());
    expect(created.update({ note: undefined }).toSnapshot().note).toBeUndefined();
  });
});
