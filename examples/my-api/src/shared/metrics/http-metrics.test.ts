import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import request from 'supertest';
import { z } from 'zod';
import type { BoundedContext } from '../../domains/context';
import { identityContext } from '../../domains/identity';
import { buildTestApp } from '../../testing/test-app';
import { ApiRouter } from '../http/api-router';
import { HttpError } from '../http/http-error';
import { samplesOf, sampleValue } from '../testing/metrics';
import { HttpMetrics, UNMATCHED } from './http-metrics';

const DURATION_COUNT = 'http_request_duration_seconds_count';

/** Things below an owner: a router mounted under a path parameter, so `req.baseUrl` holds the owner's id as sent. */
const thingsContext: BoundedContext = {
  name: 'things',
  register: () => {
    const things = new ApiRouter({ tag: 'things' }).route(
      {
        method: 'get',
        path: '/:id',
        operationId: 'getThing',
        summary: 'A thing',
        params: z.object({ id: z.string() }),
        responses: { 200: { description: 'The thing', body: z.object({ id: z.string() }) } },
        problems: [404],
      },
      ({ params }, _req, res) => {
        if (params.id === 'missing') throw new HttpError(404, 'not_found', 'No such thing');
        res.json({ id: params.id });
      },
    );
    return { basePath: '/api/v1/owners', routes: new ApiRouter({ tag: 'things' }).nest('/:ownerId/things', things) };
  },
};

function measuredApp(env: Readonly<Record<string, string>> = {}) {
  const registry = new Registry();
  const metrics = new HttpMetrics(registry);
  const app = buildTestApp({ env, metrics, contexts: [identityContext, thingsContext] });
  const count = (method: string, route: string, status: number) =>
    sampleValue(registry, DURATION_COUNT, { method, route, status_code: String(status) });
  const rejections = (budget: string) => sampleValue(registry, 'rate_limit_rejections_total', { budget });
  const routeLabels = async () => (await samplesOf(registry, DURATION_COUNT)).map(({ labels }) => labels.route ?? '');
  return { app, count, rejections, routeLabels };
}

describe('HTTP metrics (RED per route template)', () => {
  it('labels each request with the template of the declared route that answered, never with its path', async () => {
    const { app, count, routeLabels } = measuredApp();
    await request(app).get('/api/v1/owners/owner-1/things/thing-1').expect(200);
    await request(app).get('/api/v1/owners/owner-2/things/thing-2').expect(200);
    // The error leaves both routers for the app's error handler, which answers with `req.baseUrl` reset.
    await request(app).get('/api/v1/owners/owner-3/things/missing').expect(404);
    await request(app).get('/health/live').expect(200);

    const template = '/api/v1/owners/:ownerId/things/:id';
    expect(await count('GET', template, 200)).toBe(2);
    expect(await count('GET', template, 404)).toBe(1);
    expect(await count('GET', '/health/live', 200)).toBe(1);
    expect((await routeLabels()).filter((route) => /owner-|thing-|missing/.test(route))).toEqual([]);
  });

  it('labels the routes of nested routers, and the failures of their authentication, by template', async () => {
    const { app, count } = measuredApp();
    await request(app)
      .put(`/api/v1/users/${randomUUID()}/roles`)
      .send({ roles: ['admin'] })
      .expect(401);
    await request(app).get('/api/v1/auth/me').expect(401);
    expect(await count('PUT', '/api/v1/users/:id/roles', 401)).toBe(1);
    expect(await count('GET', '/api/v1/auth/me', 401)).toBe(1);
  });

  it(`gives every request no declared route answered one label, ${UNMATCHED}`, async () => {
    const { app, count, routeLabels } = measuredApp();
    await request(app).get('/no/such/path/123').expect(404);
    await request(app).get('/api/v1/owners/owner-1/gadgets').expect(404);
    await request(app).delete('/health/live').expect(404);
    expect(await count('GET', UNMATCHED, 404)).toBe(2);
    expect(await count('DELETE', UNMATCHED, 404)).toBe(1);
    expect(new Set(await routeLabels())).toEqual(new Set([UNMATCHED]));
  });
});

describe('rate-limit rejections per budget', () => {
  it('counts the 429s of the global budget, refused before routing', async () => {
    const { app, count, rejections } = measuredApp({ RATE_LIMIT_POINTS: '1' });
    await request(app).get('/api/v1/auth/me').expect(401);
    await request(app).get('/api/v1/auth/me').expect(429);
    expect(await rejections('global')).toBe(1);
    expect(await count('GET', UNMATCHED, 429)).toBe(1);
  });

  it('counts the 429s of a budget a route spends, and of a failure budget, each under its own name', async () => {
    const { app, count, rejections } = measuredApp({
      RATE_LIMIT_REGISTRATIONS_PER_IP: '1/1h',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '1/15m',
    });
    const email = `${randomUUID()}@example.com`;
    await request(app).post('/api/v1/auth/register').send({ email, password: 'correct horse battery staple' });
    await request(app)
      .post('/api/v1/auth/register')
      .send({ email: `x${email}`, password: 'another long password' });
    const wrong = { email, password: 'not the password at all' };
    await request(app).post('/api/v1/auth/login').send(wrong).expect(401);
    await request(app).post('/api/v1/auth/login').send(wrong).expect(429);

    expect(await rejections('registrations-ip')).toBe(1);
    expect(await rejections('login-failures-account-ip')).toBe(1);
    expect(await rejections('global')).toBeUndefined();
    expect(await count('POST', '/api/v1/auth/register', 429)).toBe(1);
    expect(await count('POST', '/api/v1/auth/login', 429)).toBe(1);
  });
});
