import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { Logger } from '../infrastructure/logger';
import {
  DomainError,
  type DomainErrorKind,
  type ErrorDetail,
  UnavailableError,
  ValidationError,
} from '../kernel/domain-error';
import { HttpError } from './http-error';
import { type FieldError, PROBLEM_CONTENT_TYPE, type Problem } from './problem';

/** The one place where expected failures become HTTP statuses. */
const STATUS_BY_KIND: Readonly<Record<DomainErrorKind, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

/** Errors raised by express.json (body-parser) carry a `type`. */
const BODY_PARSER_ERRORS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  'entity.parse.failed': { status: 400, code: 'invalid_json', message: 'Request body is not valid JSON' },
  'entity.too.large': { status: 413, code: 'payload_too_large', message: 'Request body is too large' },
  'encoding.unsupported': { status: 415, code: 'unsupported_encoding', message: 'Unsupported content encoding' },
  'charset.unsupported': { status: 415, code: 'unsupported_charset', message: 'Unsupported charset' },
};

/**
 * Any other 400 that body-parser raises and marks as the client's (`expose`: a body that does not decompress, a
 * wrong length): answered as such, never as a 500 logged as a bug of ours.
 */
function unreadableBody(error: object): ErrorResponse | undefined {
  const clients = 'expose' in error && error.expose === true && 'status' in error && error.status === 400;
  return clients ? { status: 400, code: 'unreadable_body', message: 'Request body could not be read' } : undefined;
}

export interface ErrorResponse {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: readonly ErrorDetail[];
  readonly headers?: Readonly<Record<string, string>>;
}

/** Where each status is defined: RFC 9110, except 429 (RFC 6585). */
function problemType(status: number): string {
  return status === 429
    ? 'https://www.rfc-editor.org/rfc/rfc6585#section-4'
    : `https://www.rfc-editor.org/rfc/rfc9110#status.${status}`;
}

function fieldError({ path, message, in: source }: ErrorDetail): FieldError {
  if (source === 'query' || source === 'params') return { parameter: path, detail: message };
  const pointer =
    path === ''
      ? ''
      : `/${path
          .split('.')
          .map((key) => key.replaceAll('~', '~0').replaceAll('/', '~1'))
          .join('/')}`;
  return { pointer: `#${pointer}`, detail: message };
}

/** Codes of a bearer token that was presented and refused: RFC 6750 §3.1 calls that `invalid_token`. */
const REFUSED_TOKEN_CODES: ReadonlySet<string> = new Set(['invalid_token', 'token_revoked']);

/** RFC 9110 §15.5.2: a 401 names the scheme to authenticate with; a 503 says when to come back. */
function headersOf(error: DomainError): Pick<ErrorResponse, 'headers'> {
  if (error instanceof UnavailableError) return { headers: { 'Retry-After': String(error.retryAfterSeconds) } };
  if (error.kind !== 'unauthorized') return {};
  const challenge = REFUSED_TOKEN_CODES.has(error.code) ? 'Bearer error="invalid_token"' : 'Bearer';
  return { headers: { 'WWW-Authenticate': challenge } };
}

/**
 * The driver's errors for "no MongoDB server can take this now" (an election, an outage, a reset pool): the client
 * may retry, so a 503 rather than the 500 of a bug. Known by name: the HTTP layer does not import the driver.
 */
const DATABASE_UNAVAILABLE_ERRORS: ReadonlySet<string> = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

const DATABASE_UNAVAILABLE: ErrorResponse = {
  status: 503,
  code: 'database_unavailable',
  message: 'The database cannot be reached right now; retry shortly',
  headers: { 'Retry-After': '5' },
};

function toErrorResponse(error: unknown): ErrorResponse | undefined {
  if (error instanceof Error && DATABASE_UNAVAILABLE_ERRORS.has(error.name)) return DATABASE_UNAVAILABLE;
  if (error instanceof DomainError) {
    const details = error instanceof ValidationError ? { details: error.details } : {};
    const { code, message } = error;
    return { status: STATUS_BY_KIND[error.kind], code, message, ...details, ...headersOf(error) };
  }
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  }
  if (typeof error === 'object' && error !== null && 'type' in error && typeof error.type === 'string') {
    return BODY_PARSER_ERRORS[error.type];
  }
  return typeof error === 'object' && error !== null ? unreadableBody(error) : undefined;
}

const INTERNAL_ERROR: ErrorResponse = { status: 500, code: 'internal_error', message: 'Internal server error' };

/** Answers `response` as problem details. */
export function sendProblem(req: Request, res: Response, response: ErrorResponse): void {
  const problem: Problem = {
    type: problemType(response.status),
    title: STATUS_CODES[response.status] ?? 'Error',
    status: response.status,
    detail: response.message,
    instance: req.originalUrl.split('?')[0] ?? req.path,
    code: response.code,
    ...(typeof req.id === 'string' && { requestId: req.id }),
    ...(response.details !== undefined && { errors: response.details.map(fieldError) }),
  };
  res
    .status(response.status)
    .set(response.headers ?? {})
    .type(PROBLEM_CONTENT_TYPE)
    .json(problem);
}

/**
 * How a failure is logged: a bug as an error; a database outage, logged once where it starts (mongo.ts), as a
 * warning for each request it fails; a client's mistake not at all.
 */
function severityOf(response: ErrorResponse): 'warn' | 'error' | undefined {
  if (response === DATABASE_UNAVAILABLE) return 'warn';
  return response.status >= 500 ? 'error' : undefined;
}

export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.writableEnded) {
      // Answered already (by the request deadline, or by a handler that went on): the late failure (a write, an
      // error) is dropped, logged once, and the connection keeps serving, where Express would destroy it.
      const level = severityOf(toErrorResponse(error) ?? INTERNAL_ERROR) ?? 'info';
      logger[level]({ err: error, requestId: req.id }, 'failed after its request had been answered');
      return;
    }
    if (res.headersSent) {
      next(error);
      return;
    }
    const response = toErrorResponse(error) ?? INTERNAL_ERROR;
    const level = severityOf(response);
    if (level !== undefined) {
      const message = level === 'warn' ? 'database unavailable' : 'unhandled error';
      logger[level]({ err: error, requestId: req.id }, message);
    }
    sendProblem(req, res, response);
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new HttpError(404, 'route_not_found', `No route for ${req.method} ${req.path}`));
};
