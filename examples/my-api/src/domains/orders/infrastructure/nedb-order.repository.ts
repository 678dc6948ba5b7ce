import type Datastore from '@seald-io/nedb';
import {
  type EmbeddedStore,
  findOne,
  type IndexOptions,
  ownedKey,
  uniqueViolation,
} from '../../../shared/infrastructure/embedded-store';
import { keysetQuery } from '../../../shared/infrastructure/keyset';
import type { AccessScope } from '../../../shared/kernel/access-scope';
import { type Page, pageOf } from '../../../shared/kernel/page';
import { Order, type OrderSnapshot } from '../domain/order.entity';
import { DuplicateOrderError, OrderChangedConcurrentlyError, OrderNotFoundError } from '../domain/order.errors';
import type { OrderPageRequest, OrderRepository } from '../domain/order.repository';

const UNIQUE_FIELDS = ['reference'] as const;

/** A unique value is unique per owner: its index holds owner and value together (absent values are not indexed). */
type OrderDocument = Omit<OrderSnapshot, 'id'> & {
  _id: string;
  uniqueKeys: Partial<Record<(typeof UNIQUE_FIELDS)[number], string>>;
};

const INDEXES: IndexOptions[] = [
  // Serves the list query: one owner's orders.
  { fieldName: 'ownerId' },
  { fieldName: 'uniqueKeys.reference', unique: true, sparse: true },
];

function toOrder({ _id, uniqueKeys: _keys, ...rest }: OrderDocument): Order {
  return Order.restore({ id: _id, ...rest });
}

function toDocument(order: Order): OrderDocument {
  const { id, ...rest } = order.toSnapshot();
  const uniqueKeys = Object.fromEntries(UNIQUE_FIELDS.map((field) => [field, ownedKey(rest.ownerId, rest[field])]));
  return { _id: id, ...rest, uniqueKeys };
}

/** Development's store when MONGODB_URI is unset (`orders.db` in DATA_DIR); same contract as MongoDB. */
export class NedbOrderRepository implements OrderRepository {
  private readonly collection: Promise<Datastore<OrderDocument>>;

  constructor(store: EmbeddedStore) {
    this.collection = store.open<OrderDocument>('orders', INDEXES);
  }

  async add(order: Order): Promise<void> {
    const document = toDocument(order);
    await this.writing(document, (collection) => collection.insertAsync(document));
  }

  async findById(id: string): Promise<Order | undefined> {
    const document = await findOne(await this.collection, { _id: id });
    return document === undefined ? undefined : toOrder(document);
  }

  async list(scope: AccessScope, page: OrderPageRequest): Promise<Page<Order>> {
    const owner = scope.ownerId === undefined ? {} : { ownerId: scope.ownerId };
    const { range, sort, limit } = keysetQuery(page);
    const query = (await this.collection).findAsync({ ...owner, ...page.where, ...range });
    const documents: OrderDocument[] = await query.sort(sort).limit(limit);
    const found = pageOf(documents, page.limit, (document) => ({ value: document[page.sort.field], id: document._id }));
    return { ...found, items: found.items.map(toOrder) };
  }

  async save(order: Order): Promise<void> {
    const document = toDocument(order);
    const { _id, ownerId, version } = document;
    // Replaces only the version this update was made from; a lost race matches nothing instead of winning.
    const replace = (collection: Datastore<OrderDocument>) =>
      collection.updateAsync({ _id, ownerId, version: version - 1 }, document, {});
    const { numAffected } = await this.writing(document, replace);
    if (numAffected === 1) return;
    const stillThere = await (await this.collection).countAsync({ _id, ownerId });
    throw stillThere === 0 ? new OrderNotFoundError(_id) : new OrderChangedConcurrentlyError(_id);
  }

  async remove(id: string): Promise<boolean> {
    return (await (await this.collection).removeAsync({ _id: id }, {})) === 1;
  }

  /** Runs `write`; a unique index's refusal becomes DuplicateOrderError naming the field whose key was taken. */
  private async writing<T>(
    document: OrderDocument,
    write: (collection: Datastore<OrderDocument>) => Promise<T>,
  ): Promise<T> {
    try {
      return await write(await this.collection);
    } catch (error) {
      const violation = uniqueViolation(error);
      if (violation === undefined) throw error;
      const field = UNIQUE_FIELDS.find((name) => document.uniqueKeys[name] === violation.key);
      throw new DuplicateOrderError(field ?? 'value');
    }
  }
}
