import { newId } from '../../../shared/kernel/id';
import { Invariants } from '../../../shared/kernel/invariants';

export const ORDER_STATUS_VALUES = ['pending', 'paid', 'shipped'] as const;
export type OrderStatus = (typeof ORDER_STATUS_VALUES)[number];

/** What a client declares about orders; the rest (id, owner, timestamps) the service manages. */
export interface OrderFields {
  readonly title: string;
  readonly total: number;
  readonly quantity: number;
  readonly paid: boolean;
  readonly dueOn: Date;
  readonly status: OrderStatus;
  readonly note?: string | undefined;
  readonly reference: string;
}

export interface OrderSnapshot extends OrderFields {
  readonly id: string;
  /** The user who created it: the only one who may see or change it. */
  readonly ownerId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** 1 when created, one more with each update: a save applies only over the version it was read at. */
  readonly version: number;
}

function assertValid(fields: OrderFields): void {
  new Invariants()
    .text('title', fields.title)
    .finiteNumber('total', fields.total)
    .integer('quantity', fields.quantity)
    .validDate('dueOn', fields.dueOn)
    .oneOf('status', fields.status, ORDER_STATUS_VALUES)
    .text('note', fields.note)
    .text('reference', fields.reference)
    .assert('Invalid order');
}

export class Order {
  private constructor(private readonly snapshot: OrderSnapshot) {}

  static create(ownerId: string, fields: OrderFields, now: Date = new Date()): Order {
    assertValid(fields);
    return new Order({ ...fields, id: newId(), ownerId, createdAt: now, updatedAt: now, version: 1 });
  }

  /** Rebuilds an order that was valid when it was stored. */
  static restore(snapshot: OrderSnapshot): Order {
    return new Order(snapshot);
  }

  get id(): string {
    return this.snapshot.id;
  }

  get ownerId(): string {
    return this.snapshot.ownerId;
  }

  /** Applies `changes` (an optional field present as undefined is cleared) and keeps every invariant. */
  update(changes: Partial<OrderFields>, now: Date = new Date()): Order {
    const next = { ...this.snapshot, ...changes, updatedAt: now, version: this.snapshot.version + 1 };
    assertValid(next);
    return new Order(next);
  }

  toSnapshot(): OrderSnapshot {
    return { ...this.snapshot };
  }
}
