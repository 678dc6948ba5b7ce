import { ConflictError, NotFoundError } from '../../../shared/kernel/domain-error';

/** Also the answer for another owner's order: its existence is not revealed. */
export class OrderNotFoundError extends NotFoundError {
  constructor(id: string) {
    super(`No order with id ${id}`, 'order_not_found');
  }
}

export class DuplicateOrderError extends ConflictError {
  constructor(field: string) {
    super(`Another order of yours already has this ${field}`, 'order_duplicate');
  }
}
