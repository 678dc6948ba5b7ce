import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

/** Secrets never reach the logs, whatever a log call is given. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
];

export interface LoggerSettings {
  readonly level: string;
  /** Human-readable output (pino-pretty, a dev dependency): development only. */
  readonly pretty: boolean;
}

export function createRootLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
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
