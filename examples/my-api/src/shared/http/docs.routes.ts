import path from 'node:path';
import { type RequestHandler, Router } from 'express';
import helmet from 'helmet';

/** Swagger UI's files, from the installed package (a development dependency): no CDN, nothing fetched at runtime. */
const ASSETS = ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png'] as const;

/** Only what the reference needs, and only from this origin: the rest of the app keeps Helmet's default policy. */
const docsPolicy: RequestHandler = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'none'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    baseUri: ["'none'"],
    formAction: ["'none'"],
    frameAncestors: ["'none'"],
  },
});

function page(title: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${title}: API reference</title>
    <link rel="icon" href="/docs/favicon-32x32.png" />
    <link rel="stylesheet" href="/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/docs/swagger-ui-bundle.js"></script>
    <script src="/docs/start.js"></script>
  </body>
</html>
`;
}

// A file, not an inline script, so that the policy needs no 'unsafe-inline'.
// No validatorUrl: Swagger UI would load a badge from validator.swagger.io, which the policy refuses.
const START =
  "window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n";

/**
 * `/docs`: an interactive reference of `/openapi.json`, for development only (the app mounts it when NODE_ENV is
 * development). It is a page for people, not part of the API, so the document does not list it.
 */
export function createDocsRouter(title: string): Router {
  const assetsDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = Router();
  router.use(docsPolicy);
  router.get('/', (_req, res) => {
    res.type('html').send(page(title));
  });
  router.get('/start.js', (_req, res) => {
    res.type('js').send(START);
  });
  for (const asset of ASSETS) {
    router.get(`/${asset}`, (_req, res) => {
      res.sendFile(path.join(assetsDir, asset));
    });
  }
  return router;
}
