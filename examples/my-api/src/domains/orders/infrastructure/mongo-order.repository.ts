import { type Connection, type Model, Schema } from 'mongoose';
import { duplicatedField, modelFor } from '../../../shared/infrastructure/mongo-models';
import { keysetQuery } from '../../../shared/infrastructure/keyset';
import type { AccessScope } from '../../../shared/kernel/access-scope';
import { type Page, pageOf } from '../../../shared/kernel/page';
import { ORDER_STATUS_VALUES, Order, type OrderFields } from '../domain/order.entity';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderPageRequest, OrderRepository } from '../domain/order.repository';

type OrderDocument = OrderFields & {
  _id: string;
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

const orderSchema = new Schema<OrderDocument>(
  {
    _id: { type: String, required: true },
    ownerId: { type: String, required: true },
    title: { type: String, required: true },
    total: { type: Number, required: true },
    quantity: { type: Number, required: true },
    paid: { type: Boolean, required: true },
    dueOn: { type: Date, required: true },
    status: { type: String, required: true, enum: [...ORDER_STATUS_VALUES] },
    note: { type: String },
    reference: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'orders', versionKey: false },
);
// Each list query is one range of an index: its scope (one owner's orders, or every owner's for
// administrators and shared access) as equality, then its sort's field and _id, the tiebreaker, in one direction
// (MongoDB walks an index either way). Newest first, the default sort:
orderSchema.index({ ownerId: 1, createdAt: -1, _id: -1 });
orderSchema.index({ createdAt: -1, _id: -1 });
// Sorted by reference:
orderSchema.index({ ownerId: 1, reference: 1, _id: 1 });
orderSchema.index({ reference: 1, _id: 1 });
// Filtered by reference (`?reference=`), newest first:
orderSchema.index({ ownerId: 1, reference: 1, createdAt: -1, _id: -1 });
orderSchema.index({ reference: 1, createdAt: -1, _id: -1 });
// Filters on enum and boolean fields, and a filter with another sort, narrow the range of the scope's index for
// the sort rather than having an index each: one per combination would cost every write more than it saves.
orderSchema.index({ ownerId: 1, reference: 1 }, { unique: true });

function toOrder({ _id, ...rest }: OrderDocument): Order {
  return Order.restore({ id: _id, ...rest });
}

function toDocument(order: Order): OrderDocument {
  const { id, ...rest } = order.toSnapshot();
  return { _id: id, ...rest };
}

export class MongoOrderRepository implements OrderRepository {
  private readonly model: Model<OrderDocument>;

  constructor(connection: Connection) {
    this.model = modelFor(connection, 'Order', orderSchema);
  }

  async add(order: Order): Promise<void> {
    await this.writing(this.model.create(toDocument(order)));
  }

  async findById(id: string): Promise<Order | undefined> {
    const document = await this.model.findOne({ _id: id }).lean<OrderDocument>().exec();
    return document === null ? undefined : toOrder(document);
  }

  async list(scope: AccessScope, page: OrderPageRequest): Promise<Page<Order>> {
    const owner = scope.ownerId === undefined ? {} : { ownerId: scope.ownerId };
    const { range, sort, limit } = keysetQuery(page);
    const documents = await this.model
      .find({ ...owner, ...page.where, ...range })
      .sort(sort)
      .limit(limit)
      .lean<OrderDocument[]>()
      .exec();
    const found = pageOf(documents, page.limit, (document) => ({ value: document[page.sort.field], id: document._id }));
    return { ...found, items: found.items.map(toOrder) };
  }

  async save(order: Order): Promise<void> {
    const document = toDocument(order);
    const { _id, ownerId, version } = document;
    // Replaces only the version this update was made from; a lost race matches nothing instead of winning.
    const replace = this.model.replaceOne({ _id, ownerId, version: version - 1 }, document).exec();
    const { matchedCount } = await this.writing(replace);
    if (matchedCount === 1) return;
    const stillThere = await this.model.exists({ _id, ownerId }).exec();
    throw stillThere === null ? new OrderNotFoundError(_id) : new OrderChangedConcurrentlyError(_id);
  }

  async remove(id: string): Promise<boolean> {
    const { deletedCount } = await this.model.deleteOne({ _id: id }).exec();
    return deletedCount === 1;
  }

  private async writing<T>(write: Promise<T>): Promise<T> {
    try {
      return await write;
    } catch (error) {
      const field = duplicatedField(error);
      if (field !== undefined) throw new DuplicateOrderError(field);
      throw error;
    }
  }
}
