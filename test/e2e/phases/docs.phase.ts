/**
 * `/docs` in development, opened as a person would: Swagger UI renders every path of the served document, and the
 * browser reports nothing (no CSP violation, no console message, no exception). Needs a Chromium on PATH (Debian:
 * `apt-get install chromium`); without one the phase is reported as not run.
 */
import path from 'node:path';
import { CHROMIUM, reportPage } from '../browser/browser';
import { client, log, type ServerHandle, serverOutputOf, waitForReady } from '../helpers';
import { type GeneratedProject, startProjectServer } from '../project';

export function docsPhase(getProject: () => GeneratedProject): void {
  const withBrowser = CHROMIUM === undefined ? describe.skip : describe;
  const name =
    CHROMIUM === undefined
      ? '/docs in a browser: NOT RUN, no Chromium on PATH (apt-get install chromium)'
      : `/docs in headless ${CHROMIUM}, the server in development`;

  withBrowser(name, () => {
    let server: ServerHandle | undefined;
    afterAll(() => server?.kill());

    it('shows every documented path, orders included, with nothing in the console (no CSP violation)', async () => {
      server = await startProjectServer(getProject(), { NODE_ENV: 'development' });
      await waitForReady(server);
      const document = await client(server.baseUrl)('GET', '/openapi.json');
      const documented = Object.keys((document.body as { paths: Record<string, unknown> }).paths);
      const screenshot = path.join(getProject().dir, '..', 'docs.png');
      const page = await reportPage(`${server.baseUrl}/docs`, '.opblock-summary-path', screenshot);
      log(`/docs: ${page.texts.length} operations shown, screenshot ${screenshot}`);
      expect([...new Set(page.texts)].sort()).toEqual([...documented].sort());
      expect(documented).toEqual(expect.arrayContaining(['/api/v1/orders', '/api/v1/orders/{id}']));
      expect(page.problems).toEqual([]);
      expect(serverOutputOf(server)).not.toMatch(/"level":(50|60)/);
    }, 90_000);
  });
}
