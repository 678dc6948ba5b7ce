import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { uniqueEmail } from '../testing/accounts';
import { buildTestApp, testConfig } from '../../testing/test-app';
import { createHttpServer } from './http-server';

describe('createHttpServer', () => {
  const app = buildTestApp();
  let server: Server;

  beforeAll(async () => {
    server = createHttpServer(app, testConfig().http.timeouts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("builds requests and responses with the app's prototypes, so Express has none to swap", async () => {
    const built: { request: boolean; response: boolean }[] = [];
    const recordPrototypes = (req: IncomingMessage, res: ServerResponse): void => {
      built.push({
        request: Object.getPrototypeOf(req) === app.request,
        response: Object.getPrototypeOf(res) === app.response,
      });
    };
    server.prependListener('request', recordPrototypes);
    try {
      await request(server).get('/health/live').expect(200);
    } finally {
      server.off('request', recordPrototypes);
    }
    expect(built).toEqual([{ request: true, response: true }]);
  });

  it('serves the application: JSON bodies, cookies, authentication and the error shape', async () => {
    const credentials = { email: uniqueEmail(), password: 'correct horse battery staple' };
    await request(server).post('/api/v1/auth/register').send(credentials).expect(201);
    const login = await request(server).post('/api/v1/auth/login').send(credentials).expect(200);
    expect(login.headers['set-cookie']).toEqual([expect.stringMatching(/^__Secure-refresh_token=.+HttpOnly; Secure/)]);

    const me = await request(server)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${String(login.body.accessToken)}`)
      .expect(200);
    expect(me.body.user.email).toBe(credentials.email);
    expect(me.headers['x-request-id']).toEqual(expect.any(String));

    const missing = await request(server).get('/nope').expect(404);
    expect(missing.body.code).toBe('route_not_found');
  });

  it('takes its timeouts from the configuration, and tells clients the keep-alive one', async () => {
    const env = {
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '7000',
      HTTP_HEADERS_TIMEOUT_MS: '8000',
      HTTP_REQUEST_TIMEOUT_MS: '9000',
    };
    const configured = createHttpServer(app, testConfig(env).http.timeouts);
    await new Promise<void>((resolve) => configured.listen(0, '127.0.0.1', resolve));
    try {
      expect(configured).toMatchObject({ keepAliveTimeout: 7_000, headersTimeout: 8_000, requestTimeout: 9_000 });
      const { port } = configured.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/health/live`);
      expect(response.headers.get('keep-alive')).toBe('timeout=7');
      expect(response.headers.get('connection')).toBe('keep-alive');
    } finally {
      configured.closeAllConnections();
      await new Promise((resolve) => configured.close(resolve));
    }
  });

  it('keeps idle connections 65 s by default, longer than the 60 s of AWS ALB and nginx', () => {
    expect(server).toMatchObject({ keepAliveTimeout: 65_000, headersTimeout: 66_000, requestTimeout: 126_000 });
  });
});
