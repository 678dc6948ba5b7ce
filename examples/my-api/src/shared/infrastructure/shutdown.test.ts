import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Lifecycle } from './lifecycle';
import { createRootLogger } from './logger';
import { installGracefulShutdown } from './shutdown';

const SLOW_RESPONSE_MS = 150;

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function harness() {
  const events = new EventEmitter();
  const exits: number[] = [];
  const closed: string[] = [];
  const logs: { level: number; msg: string; err?: { message: string } }[] = [];
  const logger = createRootLogger(
    { level: 'info', pretty: false },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(JSON.parse(chunk.toString()) as (typeof logs)[number]);
        callback();
      },
    }),
  );
  const server: Server = createServer((_req, res) => {
    setTimeout(() => res.end('done'), SLOW_RESPONSE_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lifecycle = new Lifecycle();
  installGracefulShutdown({
    server,
    lifecycle,
    logger,
    timeoutMs: 2_000,
    resources: [{ name: 'db', close: () => Promise.resolve(closed.push('db')) }],
    events,
    exit: (code) => exits.push(code),
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { events, exits, closed, logs, lifecycle, server, url };
}

describe('graceful shutdown', () => {
  it('on SIGTERM answers the request in flight, closes resources, then exits 0', async () => {
    const { events, exits, closed, lifecycle, url } = await harness();
    const inFlight = fetch(url);
    await new Promise((resolve) => setTimeout(resolve, 30));
    events.emit('SIGTERM');
    expect(lifecycle.isShuttingDown).toBe(true);
    expect(await (await inFlight).text()).toBe('done');
    await until(() => exits.length > 0);
    expect(exits).toEqual([0]);
    expect(closed).toEqual(['db']);
  });

  it('logs an unhandled rejection and shuts down with exit code 1', async () => {
    const { events, exits, closed, logs } = await harness();
    events.emit('unhandledRejection', new Error('nobody awaited me'));
    await until(() => exits.length > 0);
    expect(exits).toEqual([1]);
    expect(closed).toEqual(['db']);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 60,
        msg: 'unhandled promise rejection',
        err: expect.objectContaining({ message: 'nobody awaited me' }),
      }),
    );
  });

  it('logs an uncaught exception and shuts down with exit code 1', async () => {
    const { events, exits, logs } = await harness();
    events.emit('uncaughtException', new Error('thrown from a timer'));
    await until(() => exits.length > 0);
    expect(exits).toEqual([1]);
    expect(logs.map((entry) => entry.msg)).toContain('uncaught exception');
  });

  it('exits 1 at once on a second signal', async () => {
    const { events, exits, server, url } = await harness();
    const inFlight = fetch(url).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    events.emit('SIGTERM');
    events.emit('SIGINT');
    expect(exits).toEqual([1]);
    await inFlight;
    server.closeAllConnections();
  });
});
