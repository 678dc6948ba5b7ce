import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Keys whose values are secrets. */
const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
];
const CENSOR = '[redacted]';

/** Secrets never reach the logs, whatever a log call is given: headers, and secret keys up to one level deep. */
const REDACTION = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    'res.headers["set-cookie"]',
    ...SECRET_KEYS,
    ...SECRET_KEYS.map((key) => `*.${key}`),
  ],
  censor: CENSOR,
};

/**
 * For loggers whose objects are built by our own serializers and never carry headers or nested secrets (the
 * request line): wildcard paths make pino copy every logged object, which doubles the cost of the line.
 */
export const TOP_LEVEL_REDACTION = { paths: SECRET_KEYS, censor: CENSOR };

export interface LoggerSettings {
  readonly level: string;
  /** Human-readable output (pino-pretty, a dev dependency): development only. */
  readonly pretty: boolean;
}

export function createRootLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: REDACTION,
  };
  if (settings.pretty && destination === undefined) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname,subsystem' } } });
  }
  // Asynchronous writes keep logging off the request path; pino flushes what is buffered when the process exits.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}

/** A child logger whose messages start with `[subsystem]`: service, db, redis, route, or a context's name. */
export function subsystemLogger(parent: Logger, subsystem: string): Logger {
  return parent.child({ subsystem }, { msgPrefix: `[${subsystem}] ` });
}
