import { createServer } from 'node:net';
import mongoose from 'mongoose';
import request from 'supertest';
import { contexts } from './domains';
import type { BoundedContext } from './domains/context';
import { ApiRouter } from './shared/http/api-router';
import { signUp, type TestAccount } from './shared/testing/accounts';
import { capturedLogger } from './shared/testing/logs';
import { buildTestApp } from './testing/test-app';

/** A context whose handlers fail, to see how the platform answers (undeclared routes: the document is not tested here). */
const failingContext: BoundedContext = {
  name: 'failing',
  register: () => {
    const routes = new ApiRouter({ tag: 'failing' });
    const { router } = routes;
    router.get('/sync', () => {
      throw new Error('secret internal detail');
    });
    router.get('/async', async () => {
      await Promise.resolve();
      throw new Error('secret internal detail');
    });
    router.post('/echo', (req, res) => {
      res.json(req.body);
    });
    router.get('/database', async (_req, res) => {
      res.json(await unreachableDatabase().getClient().db('nowhere').command({ ping: 1 }));
    });
    return { basePath: '/test', routes };
  },
};

/** A real driver connection to a port nothing listens on: its queries fail as they do in an outage. */
let nowhere: mongoose.Connection | undefined;
function unreachableDatabase(): mongoose.Connection {
  nowhere ??= mongoose.createConnection(`mongodb://127.0.0.1:${closedPort}/nowhere`, {
    serverSelectionTimeoutMS: 100,
  });
  nowhere.on('error', () => undefined);
  return nowhere;
}
let closedPort = 0;
beforeAll(async () => {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
});
afterAll(async () => {
  await nowhere?.close(true);
});

describe('the HTTP platform', () => {
  const app = buildTestApp({ contexts: [failingContext] });

  describe('answers every error status in one shape, RFC 9457 problem details', () => {
    const platform = buildTestApp({ contexts: [...contexts, failingContext] });
    const limited = buildTestApp({ env: { RATE_LIMIT_POINTS: '1' } });
    let user: TestAccount;
    beforeAll(async () => {
      user = await signUp(platform);
    });
    const bearer = (): string => `Bearer ${user.accessToken}`;
    const cases: readonly [number, () => PromiseLike<request.Response>][] = [
      [400, () => request(platform).post('/test/echo').set('Content-Type', 'application/json').send('{"a":')],
      [401, () => request(platform).get('/api/v1/auth/me')],
      [403, () => request(platform).get('/api/v1/users').set('Authorization', bearer())],
      [404, () => request(platform).get('/nope')],
      [
        409,
        () =>
          request(platform)
            .post('/api/v1/auth/register')
            .send({ email: user.email, password: 'another good password' }),
      ],
      [
        413,
        () =>
          request(platform)
            .post('/test/echo')
            .send({ big: 'x'.repeat(200_000) }),
      ],
      [415, () => request(platform).post('/test/echo').set('Content-Type', 'text/plain').send('hello')],
      [
        429,
        () =>
          request(limited)
            .get('/nope')
            .then(() => request(limited).get('/nope')),
      ],
      [500, () => request(platform).get('/test/async')],
      [503, () => request(platform).get('/test/database')],
    ];

    it.each(cases)('%i', async (status, send) => {
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(response.body).toEqual(
        expect.objectContaining({
          type: expect.stringMatching(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc(9110|6585)#/),
          title: expect.any(String),
          status,
          detail: expect.any(String),
          instance: expect.stringMatching(/^\//),
          code: expect.any(String),
          requestId: expect.any(String),
        }),
      );
    });
  });

  it('answers unknown routes with 404 as RFC 9457 problem details', async () => {
    const response = await request(app).get('/nope?x=1').expect(404);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toEqual({
      type: 'https://www.rfc-editor.org/rfc/rfc9110#status.404',
      title: 'Not Found',
      status: 404,
      detail: 'No route for GET /nope',
      instance: '/nope',
      code: 'route_not_found',
      requestId: expect.any(String),
    });
  });

  it.each(['/test/sync', '/test/async'])('turns a thrown error in %s into a 500 without internals', async (path) => {
    const response = await request(app).get(path).expect(500);
    expect(response.body.code).toBe('internal_error');
    expect(JSON.stringify(response.body)).not.toMatch(/secret internal detail|at .*\.ts/);
    await request(app).get('/health/live').expect(200);
  });

  it('logs an unexpected error with its request id', async () => {
    const { logger, lines } = capturedLogger('error');
    const response = await request(buildTestApp({ contexts: [failingContext], logger }))
      .get('/test/async')
      .expect(500);
    const logged = lines.map(
      (line) => JSON.parse(line) as { msg: string; requestId?: string; err?: { message: string } },
    );
    expect(logged).toContainEqual(
      expect.objectContaining({
        msg: '[route] unhandled error',
        requestId: response.body.requestId,
        err: expect.objectContaining({ message: 'secret internal detail' }),
      }),
    );
  });

  it('answers a database that cannot be reached with 503 and Retry-After, logged as a warning, not a bug', async () => {
    const { logger, lines } = capturedLogger('warn');
    const response = await request(buildTestApp({ contexts: [failingContext], logger }))
      .get('/test/database')
      .expect(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toMatchObject({ code: 'database_unavailable', status: 503 });
    const logged = lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(logged).toContainEqual(expect.objectContaining({ level: 40, msg: '[route] database unavailable' }));
    expect(logged.map((line) => line.msg)).not.toContain('[route] unhandled error');
  });

  it('rejects malformed JSON with 400', async () => {
    const response = await request(app).post('/test/echo').set('Content-Type', 'application/json').send('{"a":');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('invalid_json');
  });

  it('answers a body that does not decompress with 400, not a 500 logged as a bug', async () => {
    const response = await request(app)
      .post('/test/echo')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send('not gzip');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('unreadable_body');
  });

  it('rejects a body over the limit with 413', async () => {
    const response = await request(app)
      .post('/test/echo')
      .send({ big: 'x'.repeat(200_000) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('payload_too_large');
  });

  it('rejects a body that is not JSON with 415', async () => {
    const response = await request(app).post('/test/echo').set('Content-Type', 'text/plain').send('hello');
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported_media_type');
  });

  it('sets security headers and hides the framework', async () => {
    const response = await request(app).get('/health/live').expect(200);
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const echoed = await request(app).get('/nope').set('X-Request-Id', 'abc-123');
    expect(echoed.headers['x-request-id']).toBe('abc-123');
    expect(echoed.body.requestId).toBe('abc-123');
    const made = await request(app).get('/nope').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS', () => {
  const allowed = 'https://app.example';

  it('answers a preflight from an allowlisted origin, and only from it', async () => {
    const app = buildTestApp({ env: { CORS_ORIGINS: allowed } });
    const preflight = await request(app)
      .options('/api/v1/auth/me')
      .set('Origin', allowed)
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    const stranger = await request(app).get('/health/live').set('Origin', 'https://evil.example').expect(200);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends no CORS headers without an allowlist, so browsers refuse cross-origin calls', async () => {
    const response = await request(buildTestApp()).get('/health/live').set('Origin', allowed).expect(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('global rate limit', () => {
  it('answers 429 with Retry-After and RateLimit headers once the budget is spent', async () => {
    const app = buildTestApp({ env: { RATE_LIMIT_POINTS: '2' } });
    const first = await request(app).get('/nope');
    expect(first.headers['ratelimit-limit']).toBe('2');
    expect(first.headers['ratelimit-remaining']).toBe('1');
    await request(app).get('/nope');
    const limited = await request(app).get('/nope').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    expect(limited.body).toMatchObject({
      status: 429,
      code: 'rate_limited',
      type: 'https://www.rfc-editor.org/rfc/rfc6585#section-4',
    });
  });
});
