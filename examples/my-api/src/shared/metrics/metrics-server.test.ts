import { once } from 'node:events';
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import pino from 'pino';
import request from 'supertest';
import { buildTestApp } from '../../testing/test-app';
import { createMetrics, type Metrics } from './metrics';
import { metricsServerResource } from './metrics-server';

const silent = pino({ level: 'silent' });
const ANY_PORT = { host: '127.0.0.1', port: 0 };

const urlOf = (server: Server, path: string): string =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

describe('the metrics server', () => {
  let metrics: Metrics;
  let server: Server;
  let scraper: Socket | undefined;

  beforeEach(async () => {
    metrics = createMetrics(ANY_PORT, { redis: undefined, database: { kind: 'memory' } });
    server = await metrics.serve(silent);
  });
  afterEach(async () => {
    scraper?.destroy();
    await metricsServerResource(server).close();
  });

  it("answers GET /metrics on its own port in Prometheus's text format, the process's own metrics included", async () => {
    const app = buildTestApp({ metrics: metrics.http });
    await request(app).get('/health/live').expect(200);

    const scrape = await fetch(urlOf(server, '/metrics'));
    expect(scrape.status).toBe(200);
    expect(scrape.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await scrape.text();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/health/live",status_code="200"} 1',
    );
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes \d/m);
  });

  it('answers nothing else there, and the API port does not answer /metrics', async () => {
    expect((await fetch(urlOf(server, '/'))).status).toBe(404);
    expect((await fetch(urlOf(server, '/metrics/x'))).status).toBe(404);
    expect((await fetch(urlOf(server, '/metrics'), { method: 'POST' })).status).toBe(404);
    const app = buildTestApp({ metrics: metrics.http });
    await request(app).get('/metrics').expect(404);
  });

  it('refuses to start on a port in use', async () => {
    const taken = { host: '127.0.0.1', port: (server.address() as AddressInfo).port };
    const second = createMetrics(taken, { redis: undefined, database: { kind: 'memory' } });
    await expect(second.serve(silent)).rejects.toThrow(/EADDRINUSE/);
  });

  it('closes at shutdown although a scrape is still coming in', async () => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    scraper = socket;
    await once(socket, 'connect');
    // The request's head without its end: the connection is busy, so closing alone would wait for it.
    socket.write('GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const cutOff = new Promise<void>((resolve) => socket.on('error', () => resolve()));

    await metricsServerResource(server).close();
    expect(server.listening).toBe(false);
    await cutOff;
  });
});
