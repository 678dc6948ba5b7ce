import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../infrastructure/logger';
import type { Resource } from '../infrastructure/shutdown';

export interface MetricsAddress {
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
}

const isMetricsRequest = (method: string | undefined, url: string | undefined): boolean =>
  (method === 'GET' || method === 'HEAD') && (url === '/metrics' || url?.startsWith('/metrics?') === true);

/**
 * A server of its own, apart from the API's port, that answers `GET /metrics` (Prometheus's text format) and 404
 * to anything else. It never keeps the process alive by itself; rejects when it cannot listen.
 */
export function serveMetrics(registry: Registry, address: MetricsAddress, logger: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    if (!isMetricsRequest(req.method, req.url)) {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (error: unknown) => {
        logger.error({ err: error }, 'cannot collect the metrics');
        res.writeHead(500).end();
      },
    );
  });
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

/** Closes the metrics server at shutdown, and the connection a scraper keeps open between scrapes. */
export function metricsServerResource(server: Server): Resource {
  return {
    name: 'metrics server',
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
