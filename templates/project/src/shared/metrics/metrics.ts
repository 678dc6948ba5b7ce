import type { Server } from 'node:http';
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import type { CountCacheRead } from '../cache/read-cache';
import type { Database } from '../infrastructure/database';
import type { Logger } from '../infrastructure/logger';
import type { RedisConnection } from '../infrastructure/redis';
import { watchConnections } from './connection-metrics';
import { HttpMetrics } from './http-metrics';
import { type MetricsAddress, serveMetrics } from './metrics-server';

/** What the composition root hands out: to the app, to the caches, and the server Prometheus scrapes. */
export interface Metrics {
  /** Where every metric is registered; add the service's own here. */
  readonly registry: Registry;
  readonly http: HttpMetrics;
  readonly countCacheRead: CountCacheRead;
  /** Where `serve` listens (METRICS_HOST, METRICS_PORT). */
  readonly address: MetricsAddress;
  /** Starts answering `GET /metrics` at `address`; rejects when it cannot listen there. */
  serve(logger: Logger): Promise<Server>;
}

function cacheReadCounter(registry: Registry): CountCacheRead {
  const reads = new Counter({
    name: 'cache_reads_total',
    help: 'Reads by id through the cache, by context and outcome (memory_hit, shared_hit, miss, bypass)',
    labelNames: ['context', 'outcome'] as const,
    registers: [registry],
  });
  return (context, outcome) => reads.inc({ context, outcome });
}

/**
 * Every metric of the service in one registry of its own (never prom-client's global one, so that tests get
 * theirs): RED per route, rate-limit rejections, cache reads, connection states, and the process's own (event-loop
 * lag, heap, GC, CPU: prom-client's defaults).
 */
export function createMetrics(
  address: MetricsAddress,
  connections: { readonly redis: RedisConnection | undefined; readonly database: Database },
): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  watchConnections(registry, connections.redis, connections.database);
  return {
    registry,
    http: new HttpMetrics(registry),
    countCacheRead: cacheReadCounter(registry),
    address,
    serve: (logger) => serveMetrics(registry, address, logger),
  };
}
