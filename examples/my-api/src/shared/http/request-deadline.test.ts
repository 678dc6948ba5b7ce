import { EventEmitter } from 'node:events';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { z } from 'zod';
import { eventually } from '../testing/eventually';
import { capturedLogger } from '../testing/logs';
import { ApiRouter } from './api-router';
import { createErrorHandler } from './error-handler';
import { requestDeadline } from './request-deadline';

const DEADLINE_MS = 50;
const LATE_ANSWER_LOG = 'failed after its request had been answered';

/** A promise the test settles itself, to hold a handler until then. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function serve() {
  const { logger, lines } = capturedLogger('info');
  const slowAnswer = gate();
  const slowStart = gate();
  const afterSlowStart = gate();
  const handled: string[] = [];
  const api = new ApiRouter({ tag: 'test' });
  const declaration = (path: string) => ({
    method: 'get' as const,
    path,
    operationId: path.slice(1),
    summary: path,
    responses: { 200: { description: 'the answer', body: z.object({ path: z.string() }) } },
  });
  api.route(declaration('/fast'), (_input, req, res) => {
    handled.push(req.path);
    res.json({ path: req.path });
  });
  api.route(declaration('/slow-answer'), async (_input, req, res) => {
    handled.push(req.path);
    await slowAnswer.opened;
    res.json({ path: req.path });
  });
  const waitForStart: RequestHandler = (_req, _res, next) => {
    void slowStart.opened.then(() => {
      next();
      afterSlowStart.open();
    });
  };
  api.route({ ...declaration('/slow-start'), before: [waitForStart] }, (_input, req, res) => {
    handled.push(req.path);
    res.json({ path: req.path });
  });
  const app = express();
  app.use(requestDeadline(DEADLINE_MS), api.router, createErrorHandler(logger));
  return { app, lines, handled, slowAnswer, slowStart, afterSlowStart };
}

/** One keep-alive connection: the raw answers it received, and whether the server closed it. */
async function connection(server: Server) {
  const socket: Socket = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
  await new Promise((resolve) => socket.once('connect', resolve));
  const state = { received: '', closed: false };
  socket.setEncoding('utf8').on('data', (chunk: string) => (state.received += chunk));
  socket.on('close', () => (state.closed = true));
  const answers = () => state.received.split(/HTTP\/1\.1 (?=\d{3} )/).slice(1);
  const complete = (answer: string) => {
    const [head = '', body] = answer.split('\r\n\r\n');
    const length = /^Content-Length: (\d+)$/im.exec(head)?.[1];
    return body !== undefined && length !== undefined && Buffer.byteLength(body) >= Number(length);
  };
  const get = async (path: string): Promise<string> => {
    const before = answers().length;
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
    if (!(await eventually(() => answers().length > before && complete(answers().at(-1) ?? ''), 3_000)))
      throw new Error(`no complete answer to ${path}: ${state.received}`);
    return answers().at(-1) ?? '';
  };
  return { state, answers, get, destroy: () => socket.destroy() };
}

describe('requestDeadline', () => {
  let server: Server;
  let setup: ReturnType<typeof serve>;

  beforeEach(async () => {
    setup = serve();
    server = setup.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
  });
  afterEach(async () => {
    setup.slowAnswer.open();
    setup.slowStart.open();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers 503 problem details with Retry-After when no answer has started by the deadline', async () => {
    const client = await connection(server);
    const answer = await client.get('/slow-answer');
    client.destroy();
    expect(answer).toMatch(/^503 /);
    expect(answer).toMatch(/^Retry-After: 1$/im);
    expect(answer).toMatch(/^Content-Type: application\/problem\+json/im);
    expect(JSON.parse(answer.slice(answer.indexOf('{')))).toMatchObject({
      status: 503,
      code: 'deadline_exceeded',
      instance: '/slow-answer',
      detail: `No answer within ${DEADLINE_MS} ms; retry in a moment`,
    });
  });

  it("drops the handler's late answer, logs it once, and keeps the connection serving", async () => {
    const client = await connection(server);
    expect(await client.get('/slow-answer')).toMatch(/^503 /);
    setup.slowAnswer.open();
    expect(await eventually(() => setup.lines.some((line) => line.includes(LATE_ANSWER_LOG)))).toBe(true);
    const logged = setup.lines
      .filter((line) => line.includes(LATE_ANSWER_LOG))
      .map((line) => JSON.parse(line) as unknown);
    expect(logged).toEqual([
      expect.objectContaining({ err: expect.objectContaining({ code: 'ERR_HTTP_HEADERS_SENT' }) }),
    ]);

    expect(await client.get('/fast')).toMatch(/^200 /);
    expect(client.answers()).toHaveLength(2);
    expect(client.state.closed).toBe(false);
    client.destroy();
  });

  it('does not run a handler whose request it answered before the handler began', async () => {
    const client = await connection(server);
    expect(await client.get('/slow-start')).toMatch(/^503 /);
    setup.slowStart.open();
    await setup.afterSlowStart.opened;
    expect(setup.handled).toEqual([]);
    client.destroy();
  });

  it('stands down once the response has closed', () => {
    jest.useFakeTimers();
    try {
      const res = Object.assign(new EventEmitter(), { headersSent: false, status: jest.fn() });
      const next = jest.fn();
      requestDeadline(DEADLINE_MS)(Object.create(null) as Request, res as unknown as Response, next);
      expect(next).toHaveBeenCalledWith();
      res.emit('close');
      jest.advanceTimersByTime(DEADLINE_MS * 10);
      expect(res.status).not.toHaveBeenCalled();
    } finally {
      jest.useRealTimers();
    }
  });
});
