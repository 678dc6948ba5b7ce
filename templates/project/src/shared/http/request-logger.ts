import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { type Logger, TOP_LEVEL_REDACTION } from '../infrastructure/logger';

const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Reuses a caller's X-Request-Id (when it looks sane) so a request can be followed across services. */
function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && ACCEPTABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

interface LoggedRequest {
  readonly id: unknown;
  readonly method: string;
  readonly url: string;
}

/**
 * One line per request; lean serializers keep headers (and the secrets in them) out of the logs. Handlers log
 * through their context's logger, which also redacts nested secrets (`req.log` redacts top-level keys only).
 */
export function createRequestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: requestId,
    autoLogging: { ignore: (req) => req.url?.startsWith('/health/') === true },
    customLogLevel: (_req, res, error) => {
      if (error !== undefined || res.statusCode >= 500) return 'error';
      return res.statusCode >= 400 ? 'warn' : 'info';
    },
    // The serializers read the raw request and response; pino-std-serializers' wrappers would copy them first.
    wrapSerializers: false,
    serializers: {
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: TOP_LEVEL_REDACTION,
  });
}
