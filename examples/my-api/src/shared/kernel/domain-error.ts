/**
 * Expected failures, named by what went wrong in the domain. Only `src/shared/http/error-handler.ts` knows how
 * each kind maps to an HTTP status.
 */
export type DomainErrorKind = 'validation' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';

export interface ErrorDetail {
  /** Dot-separated path of the field within `in` (within the entity, when `in` is absent). */
  readonly path: string;
  readonly message: string;
  /** The part of a request the field came in; set by request validation only. */
  readonly in?: 'body' | 'query' | 'params';
}

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    /** Stable, machine-readable code for clients, e.g. `email_taken`. */
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';

  constructor(
    message: string,
    readonly details: readonly ErrorDetail[] = [],
    code = 'validation_failed',
  ) {
    super(code, message);
  }
}

export class UnauthorizedError extends DomainError {
  readonly kind = 'unauthorized';

  constructor(message = 'Authentication required', code = 'unauthorized') {
    super(code, message);
  }
}

/** Who is asking is known and may see the record (or the route), but not do this. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(message = 'Not allowed', code = 'forbidden') {
    super(code, message);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';

  constructor(message: string, code = 'not_found') {
    super(code, message);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';

  constructor(message: string, code = 'conflict') {
    super(code, message);
  }
}

/** Nothing the client did wrong: the service cannot do this right now, and says when to try again. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';

  constructor(
    message: string,
    code = 'unavailable',
    readonly retryAfterSeconds = 1,
    options?: ErrorOptions,
  ) {
    super(code, message, options);
  }
}
