import { ConflictError, NotFoundError } from '../../../shared/kernel/domain-error';

/** Also the answer for another owner's order: its existence is not revealed. */
export class OrderNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No order with id ${id}`, 'order_not_found');
  }
}

/** Another request changed it after this one read it: saving would silently undo that change. */
export class OrderChangedConcurrentlyError extends ConflictError {
  constructor(id: string) {
    super(`The order ${id} was changed by another request; read it again`, 'order_changed');
  }
}

export class DuplicateOrderError extends ConflictError {
  constructor(field: string) {
    super(`Another order of yours already has this ${field}`, 'order_duplicate');
  }
}
