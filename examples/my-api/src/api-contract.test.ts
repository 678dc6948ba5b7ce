import type { Express } from 'express';
import request from 'supertest';
import { signUp, type TestAccount } from './shared/testing/accounts';
import {
  type OpenApi,
  type Operation,
  registeredRoutes,
  resolved,
  type RouteKey,
  routeName,
  schemaChecker,
  servedDocument,
} from './testing/openapi';
import { buildTestApp } from './testing/test-app';

const ADMIN_EMAIL = 'admin@example.com';
const ADMIN_ENV = { ADMIN_EMAILS: ADMIN_EMAIL };

interface Call {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

/** The example of an operation's request body, as the document gives it. */
function bodyExample(document: OpenApi, operation: Operation): unknown {
  const content = resolved(document, operation.requestBody ?? { content: {} }).content['application/json'];
  if (content === undefined) return undefined;
  if (content.example === undefined) throw new Error(`${operation.operationId}: the request body has no example`);
  return content.example;
}

/**
 * What `{id}` stands for in `path`: a record created through the POST of its collection (taken from `Location`),
 * or, where there is none (the accounts of /api/v1/users), another account.
 */
async function idFor(app: Express, document: OpenApi, path: string, admin: TestAccount): Promise<string> {
  const collection = path.slice(0, path.indexOf('/{id}'));
  const create = document.paths?.[collection]?.post;
  if (create === undefined) return (await signUp(app)).userId;
  const created = await request(app)
    .post(collection)
    .set('authorization', `Bearer ${admin.accessToken}`)
    .send(bodyExample(document, create) as object)
    .expect(201);
  return created.headers.location?.split('/').at(-1) ?? '';
}

/** A request the document says is valid, made by an administrator (who may call everything). */
async function validCall(app: Express, document: OpenApi, route: RouteKey, admin: TestAccount): Promise<Call> {
  const operation: Operation = document.paths?.[route.path]?.[route.method] ?? {};
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const headers: Record<string, string> = {};
  if (schemes.includes('bearerAuth')) headers.authorization = `Bearer ${admin.accessToken}`;
  if (schemes.includes('refreshCookie')) headers.cookie = admin.refreshCookie;
  const body = bodyExample(document, operation);
  // Logging in needs the example's account to exist.
  if (operation.operationId === 'logIn')
    await request(app)
      .post('/api/v1/auth/register')
      .send(body as object);
  const url = route.path.includes('{id}')
    ? route.path.replace('{id}', await idFor(app, document, route.path, admin))
    : route.path;
  return { url, headers, body };
}

/**
 * The same request with one part the document rules out: the body, else the query, else the path, else a body that
 * is not JSON (every route behind the body parser documents that 400 too). Undefined where no 400 is documented.
 */
function invalidCall(route: RouteKey, operation: Operation, valid: Call): Call | undefined {
  const parameters = (operation.parameters ?? []) as { in?: string }[];
  if (operation.responses?.['400'] === undefined) return undefined;
  if (operation.requestBody !== undefined) return { ...valid, body: [] };
  if (parameters.some((parameter) => parameter.in === 'query')) return { ...valid, url: `${valid.url}?unexpected=1` };
  if (parameters.some((parameter) => parameter.in === 'path')) {
    return { ...valid, url: route.path.replaceAll(/\{\w+\}/g, 'not-an-id') };
  }
  return { ...valid, body: '{"not": json' };
}

async function send(app: Express, method: RouteKey['method'], call: Call): Promise<request.Response> {
  const pending = request(app)[method](call.url).set(call.headers);
  if (typeof call.body === 'string') return pending.set('content-type', 'application/json').send(call.body);
  return call.body === undefined ? pending : pending.send(call.body as object);
}

/** Every route, driven from the document alone: what it answers must be what the document says it answers. */
describe('the API keeps the contract it publishes at /openapi.json', () => {
  let document: OpenApi;
  let check: ReturnType<typeof schemaChecker>;
  beforeAll(async () => {
    document = await servedDocument(buildTestApp());
    check = schemaChecker(document);
  });

  function expectDocumented(operation: Operation, response: request.Response): void {
    const declared = resolved(document, operation.responses?.[String(response.status)] ?? { description: '' });
    expect(Object.keys(operation.responses ?? {})).toContain(String(response.status));
    const [mediaType, content] = Object.entries(declared.content ?? {})[0] ?? [];
    if (mediaType === undefined) {
      expect(response.text).toBe('');
    } else {
      expect(response.headers['content-type']).toContain(mediaType);
      expect(check(content?.schema ?? {}, response.body)).toEqual([]);
    }
    for (const header of Object.keys(declared.headers ?? {}))
      expect(response.headers).toHaveProperty(header.toLowerCase());
  }

  it.each(registeredRoutes(buildTestApp()).map((route) => [routeName(route), route] as const))(
    '%s: a valid request gets a documented success; an invalid one a documented 400 problem',
    async (_name, route) => {
      const app = buildTestApp({ env: ADMIN_ENV });
      const admin = await signUp(app, ADMIN_EMAIL);
      const operation: Operation = document.paths?.[route.path]?.[route.method] ?? {};
      const valid = await validCall(app, document, route, admin);

      const invalid = invalidCall(route, operation, valid);
      if (invalid !== undefined) {
        const refused = await send(app, route.method, invalid);
        expect(refused.status).toBe(400);
        expectDocumented(operation, refused);
      }

      const answered = await send(app, route.method, valid);
      expect(answered.status).toBeLessThan(300);
      expectDocumented(operation, answered);
    },
  );
});
