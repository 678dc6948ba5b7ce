import { z } from 'zod';
import { ApiRouter } from './api-router';
import type { OpenApiDocument } from './openapi-document';

const documentBody = z
  .looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) })
  .meta({ id: 'OpenApiDocument' });

/**
 * `GET /openapi.json`, in every environment: the document of every route, itself included. `document` runs once, at
 * the first request (by then every route is declared), and its JSON is kept.
 */
export function createOpenApiRouter(document: () => OpenApiDocument): ApiRouter {
  const api = new ApiRouter({ tag: 'meta' });
  let serialised: string | undefined;
  return api.route(
    {
      method: 'get',
      path: '/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'The document', body: documentBody } },
    },
    (_input, _req, res) => {
      serialised ??= JSON.stringify(document());
      res.type('json').send(serialised);
    },
  );
}
