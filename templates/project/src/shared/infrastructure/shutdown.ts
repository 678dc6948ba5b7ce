import type { Server, ServerResponse } from 'node:http';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';

const IDLE_CHECK_INTERVAL_MS = 50;

/** Something the process holds open (a connection, a file), closed in order at shutdown. */
export interface Resource {
  readonly name: string;
  close(): Promise<unknown>;
}

export interface ShutdownOptions {
  readonly server: Server;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
  readonly timeoutMs: number;
  /** Closed in order once in-flight requests are done (Mongo, Redis). */
  readonly resources: readonly Resource[];
  /** Where signals and process-level errors arrive, and how to exit: the process itself unless a test says so. */
  readonly events?: NodeJS.EventEmitter;
  readonly exit?: (code: number) => void;
}

/**
 * SIGTERM/SIGINT: readiness turns 503, the server stops accepting, in-flight requests finish, resources close,
 * exit 0. Past `timeoutMs`, or on a second signal, the process exits 1 at once.
 */
export function installGracefulShutdown(options: ShutdownOptions): void {
  const { server, lifecycle, logger, events = process } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (lifecycle.isShuttingDown) {
      logger.warn({ reason }, 'second shutdown request; exiting now');
      exit(1);
      return;
    }
    lifecycle.beginShutdown();
    logger.info({ reason }, 'shutting down');
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs: options.timeoutMs }, 'shutdown timed out; exiting');
      exit(1);
    }, options.timeoutMs).unref();

    // Keep-alive connections would keep being served and hold the server open: requests still arriving on them
    // are answered with `Connection: close`, and connections are closed as soon as they fall idle.
    server.prependListener('request', (_req, res: ServerResponse) => {
      if (!res.headersSent) res.setHeader('Connection', 'close');
    });
    const closeIdle = setInterval(() => server.closeIdleConnections(), IDLE_CHECK_INTERVAL_MS).unref();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    clearInterval(closeIdle);
    for (const resource of options.resources) {
      try {
        await resource.close();
      } catch (error) {
        logger.error({ err: error, resource: resource.name }, 'failed to close');
      }
    }
    clearTimeout(deadline);
    logger.info('stopped');
    exit(exitCode);
  };

  events.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  events.on('SIGINT', () => void shutdown('SIGINT', 0));
  events.on('unhandledRejection', (reason: unknown) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    void shutdown('unhandledRejection', 1);
  });
  events.on('uncaughtException', (error: Error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    void shutdown('uncaughtException', 1);
  });
}
