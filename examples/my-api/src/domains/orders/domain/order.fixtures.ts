import type { OrderFields } from './order.entity';

/** Valid fields for tests; each `n` gives other values, so samples never collide on a unique field. */
export function sampleFields(n = 0): OrderFields {
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
