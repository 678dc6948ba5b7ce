import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import type { DocumentedRoute, ProblemStatus, ResponseDeclaration } from './api-router';
import { PROBLEM_CONTENT_TYPE, problemSchema } from './problem';

type JsonObject = Record<string, unknown>;

export interface ApiInfo {
  readonly title: string;
  readonly version: string;
  readonly description?: string;
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: ApiInfo;
  readonly tags: readonly JsonObject[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, JsonObject>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonObject>>;
    readonly responses: Readonly<Record<string, JsonObject>>;
    readonly securitySchemes: Readonly<Record<string, JsonObject>>;
  };
}

/** The scheme every `auth: 'bearer'` route requires; contexts add their own (see ContextRoutes). */
const BEARER_SCHEME = 'bearerAuth';
const BEARER_SECURITY_SCHEME = { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' };

const SCHEMAS = '#/components/schemas/';
/** Where z.toJSONSchema puts the schemas that carry an `id` but were reached only from other schemas. */
const SHARED_DEFINITIONS = `"${SCHEMAS}__shared#/$defs/`;

/** `Payload Too Large` → `PayloadTooLarge`: the name of each status's shared response. */
function responseName(status: ProblemStatus): string {
  return (STATUS_CODES[status] ?? `Status${status}`).replaceAll(/[^A-Za-z]/g, '');
}

function pascal(operationId: string): string {
  return operationId.charAt(0).toUpperCase() + operationId.slice(1);
}

/** `/api/v1/orders/:id` → `/api/v1/orders/{id}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replaceAll(/:(\w+)/g, '{$1}');
}

/** What a route can answer besides its successes: its own problems and those its declaration implies. */
function problemsOf(route: DocumentedRoute): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>([...(route.problems ?? []), ...route.alsoAnswers, 500]);
  if (route.params !== undefined || route.query !== undefined || route.body !== undefined) statuses.add(400);
  if (route.body !== undefined) statuses.add(413).add(415);
  if (route.auth === 'bearer') statuses.add(401);
  return [...statuses].sort((a, b) => a - b);
}

function withoutDialect(schema: JsonObject): JsonObject {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

/** Each property of a params or query object as an OpenAPI parameter. */
function parametersOf(schema: z.ZodObject | undefined, location: 'path' | 'query'): JsonObject[] {
  if (schema === undefined) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: JsonObject;
    required?: string[];
    $defs?: unknown;
  };
  // Their references would point into this conversion, which the document does not keep.
  if (json.$defs !== undefined) throw new Error(`${location} parameters: give their schemas no \`id\``);
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property as JsonObject;
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(description !== undefined && { description }),
      schema: propertySchema,
    };
  });
}

/** Collects the schemas the document names, each once, under its own `id` or the one given. */
class SchemaComponents {
  private readonly registry = z.registry<z.GlobalMeta & { id: string }>();

  constructor() {
    this.ref(problemSchema, 'Problem');
  }

  ref(schema: z.ZodType, fallbackId: string): JsonObject {
    const meta = z.globalRegistry.get(schema);
    const id = this.registry.get(schema)?.id ?? meta?.id ?? fallbackId;
    // Its description and examples too: converting a registry reads only that registry's metadata.
    if (!this.registry.has(schema)) this.registry.add(schema, { ...meta, id });
    return { $ref: `${SCHEMAS}${id}` };
  }

  toJson(): Record<string, JsonObject> {
    const { schemas } = z.toJSONSchema(this.registry, { io: 'input', uri: (id) => `${SCHEMAS}${id}` });
    const { __shared: shared, ...named } = JSON.parse(
      JSON.stringify(schemas).replaceAll(SHARED_DEFINITIONS, `"${SCHEMAS}`),
    ) as Record<string, JsonObject>;
    const reachedOnly = (shared?.$defs ?? {}) as Record<string, JsonObject>;
    const all = { ...named, ...reachedOnly };
    return Object.fromEntries(
      Object.keys(all)
        .sort()
        .map((id) => [id, withoutDialect(all[id] ?? {})]),
    );
  }
}

function headersOf(described: Readonly<Record<string, string>> = {}): { headers?: JsonObject } {
  const headers = Object.entries(described).map(([name, description]): [string, JsonObject] => [
    name,
    { description, required: true, schema: { type: 'string' } },
  ]);
  return headers.length > 0 ? { headers: Object.fromEntries(headers) } : {};
}

function responseOf(declared: ResponseDeclaration, bodyRef: (body: z.ZodType) => JsonObject): JsonObject {
  return {
    description: declared.description,
    ...headersOf(declared.headers),
    ...(declared.body !== undefined && { content: { 'application/json': { schema: bodyRef(declared.body) } } }),
  };
}

/**
 * A request body's first example, from its schema's metadata, on the media type: z.toJSONSchema drops examples from
 * schemas with transforms (they would describe the output), and these are examples of what a client sends.
 */
function exampleOf(body: z.ZodType): JsonObject {
  const examples: unknown = z.globalRegistry.get(body)?.examples;
  const example: unknown = Array.isArray(examples) ? examples[0] : undefined;
  return example === undefined ? {} : { example };
}

function operationOf(route: DocumentedRoute, schemas: SchemaComponents): JsonObject {
  const name = pascal(route.operationId);
  const declared = Object.entries(route.responses);
  // A second success status names its body schema after itself: `CreateThing201Response`.
  const responseId = (status: string) => (declared.length === 1 ? `${name}Response` : `${name}${status}Response`);
  const successes = declared.map(([status, response]) => [
    status,
    responseOf(response, (body) => schemas.ref(body, responseId(status))),
  ]);
  const problems = problemsOf(route).map((status) => [
    String(status),
    { $ref: `#/components/responses/${responseName(status)}` },
  ]);
  const security = [...(route.auth === 'bearer' ? [BEARER_SCHEME] : []), ...(route.security ?? [])];
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')];
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description !== undefined && { description: route.description }),
    tags: [route.tag],
    // One requirement naming every scheme: all of them apply (separate objects would mean any one of them).
    ...(security.length > 0 && { security: [Object.fromEntries(security.map((scheme) => [scheme, []]))] }),
    ...(parameters.length > 0 && { parameters }),
    ...(route.body !== undefined && {
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: schemas.ref(route.body, `${name}Request`), ...exampleOf(route.body) },
        },
      },
    }),
    responses: Object.fromEntries([...successes, ...problems]),
  };
}

/** Headers the error handler sends with a problem of that status. */
const PROBLEM_HEADERS: Partial<Record<ProblemStatus, Record<string, string>>> = {
  401: { 'WWW-Authenticate': 'Bearer, with error="invalid_token" when a token was sent and refused (RFC 6750)' },
  429: { 'Retry-After': 'Seconds until the budget allows another request' },
  503: { 'Retry-After': 'Seconds until a retry may succeed' },
};

/** The problem responses the routes use, each described once and referenced by every route that answers it. */
function problemResponses(routes: readonly DocumentedRoute[]): Record<string, JsonObject> {
  const used = [...new Set(routes.flatMap(problemsOf))].sort((a, b) => a - b);
  return Object.fromEntries(
    used.map((status) => [
      responseName(status),
      {
        description: STATUS_CODES[status] ?? String(status),
        ...headersOf(PROBLEM_HEADERS[status]),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${SCHEMAS}Problem` } } },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document of `routes`: the same declarations the routers validate requests with. */
export function buildOpenApiDocument(
  info: ApiInfo,
  routes: readonly DocumentedRoute[],
  securitySchemes: Readonly<Record<string, JsonObject>> = {},
): OpenApiDocument {
  const schemas = new SchemaComponents();
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = openApiPath(route.fullPath);
    paths[path] = { ...paths[path], [route.method]: operationOf(route, schemas) };
  }
  return {
    openapi: '3.1.0',
    info,
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: schemas.toJson(),
      responses: problemResponses(routes),
      securitySchemes: { [BEARER_SCHEME]: BEARER_SECURITY_SCHEME, ...securitySchemes },
    },
  };
}
