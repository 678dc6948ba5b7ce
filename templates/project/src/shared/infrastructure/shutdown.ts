import type { Server, ServerResponse } from 'node:http';
import { Server as NetServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Lifecycle } from './lifecycle';
import type { Logger } from './logger';

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
  /** How long to keep serving after readiness turns 503, so that load balancers stop sending new requests first. */
  readonly delayMs: number;
  /** Closed in order once in-flight requests are done (Mongo, Redis). */
  readonly resources: readonly Resource[];
  /** Where signals and process-level errors arrive, and how to exit: the process itself unless a test says so. */
  readonly events?: NodeJS.EventEmitter;
  readonly exit?: (code: number) => void;
}

/**
 * How long, once the drain begins, an idle keep-alive connection stays open: a client already sending its next
 * request on it gets that answered (with `Connection: close`) rather than the connection closed under it.
 */
const IDLE_GRACE_MS = 1_000;

/** Stops accepting connections; resolves once every open one has ended. */
function stopAccepting(server: Server): Promise<void> {
  return new Promise((resolve) => NetServer.prototype.close.call(server, () => resolve()));
}

/**
 * SIGTERM/SIGINT: readiness turns 503 while the server keeps serving for `delayMs`; then it stops accepting, answers
 * what still arrives with `Connection: close` (Node closes the connection after that answer), and after
 * `IDLE_GRACE_MS` closes the connections that are idle, whatever keep-alive timeout their clients were told; one
 * whose answer was still in flight closes once idle that long. That is safe behind a load balancer: readiness has
 * been 503 for `delayMs`, so it routes nothing here and no request is on its way on an idle connection. (Node's
 * `server.close()` would close idle connections at once, under a client that may be writing its next request on
 * one: a reset it cannot safely retry.) Resources close, exit 0. Past `timeoutMs`, or on a second signal, the process
 * exits 1 at once.
 */
export function installGracefulShutdown(options: ShutdownOptions): void {
  const { server, lifecycle, logger, events = process } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));

  // Nothing is tracked per request (the bench saw that cost CPU and memory) or per connection: Node reads the
  // keep-alive timeout as each answer ends (and waits a second more), and closeIdleConnections skips busy ones.
  const drain = async (): Promise<void> => {
    server.prependListener('request', (_req, res: ServerResponse) => res.setHeader('Connection', 'close'));
    server.keepAliveTimeout = IDLE_GRACE_MS;
    const closeIdle = setTimeout(() => server.closeIdleConnections(), IDLE_GRACE_MS);
    await stopAccepting(server);
    clearTimeout(closeIdle);
  };

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

    if (options.delayMs > 0) await sleep(options.delayMs);
    await drain();
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
