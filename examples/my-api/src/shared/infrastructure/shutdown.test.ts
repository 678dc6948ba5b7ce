import { EventEmitter, once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { Lifecycle } from './lifecycle';
import { createRootLogger } from './logger';
import { installGracefulShutdown } from './shutdown';

const SLOW_RESPONSE_MS = 150;

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The generated server's default (HTTP_KEEP_ALIVE_TIMEOUT_MS): far longer than the shutdown timeout. */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;
const SHUTDOWN_TIMEOUT_MS = 6_000;
/** The drain's grace for idle connections, and the second Node adds to a keep-alive timeout. */
const IDLE_GRACE_MS = 1_000;
const NODE_KEEP_ALIVE_BUFFER_MS = 1_000;

async function harness(delayMs = 0) {
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
  // `/past-the-grace` answers after the drain's grace is over.
  const server: Server = createServer((req, res) => {
    setTimeout(() => res.end('done'), req.url === '/past-the-grace' ? IDLE_GRACE_MS + 200 : SLOW_RESPONSE_MS);
  });
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const lifecycle = new Lifecycle();
  installGracefulShutdown({
    server,
    lifecycle,
    logger,
    timeoutMs: SHUTDOWN_TIMEOUT_MS,
    delayMs,
    resources: [{ name: 'db', close: () => Promise.resolve(closed.push('db')) }],
    events,
    exit: (code) => exits.push(code),
  });
  const port = (server.address() as AddressInfo).port;
  return { events, exits, closed, logs, lifecycle, server, port, url: `http://127.0.0.1:${port}/` };
}

/** A raw keep-alive connection: what it received so far, and whether the server has closed it. */
async function keepAliveConnection(port: number) {
  const socket: Socket = connect({ host: '127.0.0.1', port });
  await new Promise((resolve) => socket.once('connect', resolve));
  const state = { received: '', closed: false, closedAt: 0 };
  socket.setEncoding('utf8').on('data', (chunk: string) => (state.received += chunk));
  socket.on('close', () => Object.assign(state, { closed: true, closedAt: Date.now() })).on('error', () => undefined);
  const send = (path = '/') => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  return { state, send, destroy: () => socket.destroy() };
}

const answers = (received: string) => received.split('HTTP/1.1 200').length - 1;

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

  it('keeps serving during the delay with readiness already down, then refuses new connections', async () => {
    const { events, exits, lifecycle, server, port, url } = await harness(300);
    events.emit('SIGTERM');
    expect(lifecycle.isShuttingDown).toBe(true);
    expect(await (await fetch(url)).text()).toBe('done');
    expect(server.listening).toBe(true);
    await until(() => !server.listening);
    const fresh = connect({ host: '127.0.0.1', port });
    await expect(
      new Promise((resolve, reject) => fresh.once('connect', resolve).once('error', reject)),
    ).rejects.toThrow(/ECONNREFUSED/);
    await until(() => exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('answers a request sent on an idle keep-alive connection during the grace with Connection: close, then closes it', async () => {
    const { events, exits, port } = await harness();
    const connection = await keepAliveConnection(port);
    connection.send();
    await until(() => answers(connection.state.received) === 1);
    events.emit('SIGTERM');
    connection.send();
    await until(() => answers(connection.state.received) === 2);
    expect(connection.state.received.split('\r\n\r\n').at(-2)).toMatch(/^Connection: close$/im);
    await until(() => connection.state.closed && exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('closes an idle keep-alive connection a second after the delay, though its client was told 65 s, and exits 0', async () => {
    const delayMs = 300;
    const { events, exits, port } = await harness(delayMs);
    const connection = await keepAliveConnection(port);
    connection.send();
    await until(() => answers(connection.state.received) === 1);
    expect(connection.state.received).toMatch(/^Keep-Alive: timeout=65$/im);
    const signalledAt = Date.now();
    events.emit('SIGTERM');
    await until(() => connection.state.closed && exits.length > 0, SHUTDOWN_TIMEOUT_MS);
    expect(exits).toEqual([0]);
    const closedAfterMs = connection.state.closedAt - signalledAt;
    expect(closedAfterMs).toBeGreaterThanOrEqual(delayMs + IDLE_GRACE_MS - 50);
    expect(closedAfterMs).toBeLessThan(delayMs + IDLE_GRACE_MS + 1_000);
  });

  it('closes the connection of an answer in flight past the grace once it has been idle that long', async () => {
    const { events, exits, server, port } = await harness();
    const connection = await keepAliveConnection(port);
    const arrived = once(server, 'request');
    connection.send('/past-the-grace');
    await arrived;
    events.emit('SIGTERM');
    await until(() => answers(connection.state.received) === 1);
    const answeredAt = Date.now();
    expect(connection.state.received).toMatch(/^Connection: keep-alive$/im);
    await until(() => connection.state.closed && exits.length > 0, SHUTDOWN_TIMEOUT_MS);
    expect(exits).toEqual([0]);
    expect(connection.state.closedAt - answeredAt).toBeLessThan(IDLE_GRACE_MS + NODE_KEEP_ALIVE_BUFFER_MS + 500);
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
