import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Express } from 'express';
import type { OpenAPIV3_1 } from 'openapi-types';
import request from 'supertest';

export type OpenApi = OpenAPIV3_1.Document;
export type Operation = OpenAPIV3_1.OperationObject;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** `GET /api/v1/orders/{id}`: a route as both the router and the document can name it. */
export interface RouteKey {
  readonly method: HttpMethod;
  readonly path: string;
}

export const routeName = ({ method, path }: RouteKey): string => `${method.toUpperCase()} ${path}`;

export async function servedDocument(app: Express): Promise<OpenApi> {
  const response = await request(app).get('/openapi.json').expect(200);
  return response.body as OpenApi;
}

/** What Express keeps of each `use` and route (router 2 layers; not a public API, hence only what is read here). */
interface Layer {
  readonly rawPath?: unknown;
  readonly route?: { readonly path: string; readonly methods: Readonly<Record<string, boolean>> };
  readonly handle: unknown;
}

function nestedStack(handle: unknown): readonly Layer[] {
  if (typeof handle !== 'function' || !('stack' in handle) || !Array.isArray(handle.stack)) return [];
  return handle.stack as Layer[];
}

const joined = (prefix: string, path: string): string => (path === '/' ? prefix : `${prefix}${path}`);

function routesIn(stack: readonly Layer[], prefix: string): RouteKey[] {
  return stack.flatMap((layer) => {
    const at = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
    if (layer.route !== undefined) {
      const path = joined(prefix, layer.route.path).replaceAll(/:(\w+)/g, '{$1}');
      return HTTP_METHODS.filter((method) => layer.route?.methods[method] === true).map((method) => ({ method, path }));
    }
    return routesIn(nestedStack(layer.handle), joined(prefix, at));
  });
}

/** Every route `app` serves, found by walking its routers. */
export function registeredRoutes(app: Express): RouteKey[] {
  return routesIn(nestedStack(app.router), '');
}

export function documentedRoutes(document: OpenApi): RouteKey[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item?.[method] !== undefined).map((method) => ({ method, path })),
  );
}

/** The object a local `$ref` (`#/components/…`) points at, or `value` itself when it is not a reference. */
export function resolved<T>(document: OpenApi, value: T | OpenAPIV3_1.ReferenceObject): T {
  if (typeof value !== 'object' || value === null || !('$ref' in value)) return value;
  const target = value.$ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
  if (target === undefined) throw new Error(`${value.$ref} points at nothing`);
  return target as T;
}

const DOCUMENT_ID = 'https://service.test/openapi.json';

/** Checks a value against a schema of the document (JSON Schema 2020-12, the dialect of OpenAPI 3.1). */
export function schemaChecker(document: OpenApi): (schema: object, value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  return (schema, value) => {
    const local =
      '$ref' in schema && typeof schema.$ref === 'string' ? { $ref: `${DOCUMENT_ID}${schema.$ref}` } : schema;
    const validate = ajv.compile(local);
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}
