import { validate } from '@readme/openapi-parser';
import request from 'supertest';
import { buildTestApp } from './testing/test-app';
import {
  documentedRoutes,
  type OpenApi,
  registeredRoutes,
  resolved,
  routeName,
  servedDocument,
} from './testing/openapi';

describe('GET /openapi.json', () => {
  const app = buildTestApp();
  let document: OpenApi;
  beforeAll(async () => {
    document = await servedDocument(app);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(document.openapi).toBe('3.1.0');
    // The parser dereferences in place: give it a copy.
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result).toMatchObject({ valid: true });
  });

  it('documents every route the app serves, and nothing else', () => {
    const served = registeredRoutes(app).map(routeName).sort();
    expect(documentedRoutes(document).map(routeName).sort()).toEqual(served);
    expect(served).toContain('GET /openapi.json');
  });

  it('refers every error status of every route to the one Problem schema, as application/problem+json', () => {
    const errorStatuses = documentedRoutes(document).flatMap(({ method, path }) => {
      const responses = document.paths?.[path]?.[method]?.responses ?? {};
      return Object.entries(responses).filter(([status]) => Number(status) >= 400 && path !== '/health/ready');
    });
    expect(errorStatuses.length).toBeGreaterThan(0);
    for (const [, response] of errorStatuses) {
      expect(resolved(document, response).content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
      });
    }
  });

  it('names the security of each route: bearer routes answer 401 without a token', async () => {
    const bearer = documentedRoutes(document).filter(({ method, path }) =>
      document.paths?.[path]?.[method]?.security?.some((requirement) => 'bearerAuth' in requirement),
    );
    expect(bearer.length).toBeGreaterThan(0);
    for (const { method, path } of bearer) {
      const response = await request(app)[method](path.replaceAll(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'));
      const answer = [response.status, response.headers['www-authenticate']];
      expect([routeName({ method, path }), answer]).toEqual([routeName({ method, path }), [401, 'Bearer']]);
    }
  });

  it('is served under Helmet’s strict policy, and /docs does not exist outside development', async () => {
    const response = await request(app).get('/openapi.json');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    await request(app).get('/docs').expect(404);
  });
});

describe('/docs in development', () => {
  const app = buildTestApp({ env: { NODE_ENV: 'development' } });

  it('serves the reference of /openapi.json from installed files, under a policy of its own', async () => {
    const page = await request(app).get('/docs').expect(200).expect('content-type', /html/);
    expect(page.headers['content-security-policy']).toBe(
      "default-src 'none';script-src 'self';style-src 'self';img-src 'self' data:;connect-src 'self';" +
        "base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    for (const asset of page.text.matchAll(/(?:src|href)="([^"]+)"/g)) {
      expect(asset[1]).toMatch(/^\/docs\//);
      await request(app)
        .get(asset[1] ?? '')
        .expect(200);
    }
    const start = await request(app).get('/docs/start.js').expect(200);
    expect(start.text).toContain("url: '/openapi.json'");
  });
});
