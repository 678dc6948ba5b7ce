/**
 * Phase "traces": the built server traces with OpenTelemetry as the generated README says, proven against a local
 * OTLP/HTTP receiver (../otlp-receiver) and the built preload of `npm start`, `dist/telemetry.js`:
 * - without an exporter the preload loads nothing of OpenTelemetry; configured in `.env` it starts tracing, and
 *   outgoing http and fetch requests carry a `traceparent`; a bad OTEL_ variable stops it with exit 1, named;
 * - started as `npm start` starts it, the server sends the spans of a request (http server, express route, ioredis,
 *   mongoose) under the trace of the `traceparent` the client sent, flushed by SIGTERM; the request's log lines
 *   carry that trace id, an audit line written inside it too.
 * Nothing is written inside the project (the next phase needs a clean `git status`).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { client, run, type ServerHandle, serverOutputOf, statusCheck, waitForReady } from '../helpers';
import { type OtlpReceiver, startOtlpReceiver } from '../otlp-receiver';
import { type GeneratedProject, startProjectServer } from '../project';

const REGISTER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CLIENT_SPAN = '00f067aa0ba902b7';
const LOGOUT_TRACE = '0af7651916cd43dd8448eb211c80319c';
const SERVER = 2;
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/;

/** Requests of its own to `PROBE_URL` (fetch, then http.get), then the OpenTelemetry modules it has loaded. */
const PROBE = `
const url = process.env.PROBE_URL;
fetch(url + '/fetch')
  .then(() => new Promise((resolve) => require('node:http').get(url + '/http', (res) => res.resume().on('end', resolve))))
  .then(() => console.log(JSON.stringify(Object.keys(require.cache).filter((file) => file.includes('@opentelemetry')))));
`;

/** `npm start`'s command, `node <flags> dist/main.js`, as arguments of this node. */
function startArguments(project: GeneratedProject): string[] {
  const start: string = JSON.parse(readFileSync(path.join(project.dir, 'package.json'), 'utf8')).scripts.start;
  const [command, ...args] = start.trim().split(/\s+/);
  if (command !== 'node') throw new Error(`npm start is not a node command: ${start}`);
  return args;
}

/** The outer environment's OTEL_* variables, removed: each case here sets its own. */
const withoutOtel = () =>
  Object.fromEntries(Object.keys(process.env).flatMap((name) => (name.startsWith('OTEL_') ? [[name, undefined]] : [])));

/** The JSON log lines among what a server printed (stderr is interleaved). */
function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.endsWith('}'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

export function tracesPhase(getProject: () => GeneratedProject): void {
  let receiver: OtlpReceiver;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
  });

  afterAll(() => receiver.close());

  it('loads nothing of OpenTelemetry without an exporter; starts from .env; exits 1 naming a bad OTEL_ variable', async () => {
    const project = getProject();
    const preload = path.join(project.dir, 'dist', 'telemetry.js');
    const probe = (cwd: string, name: string, env: Record<string, string> = {}) =>
      run(process.execPath, ['--require', preload, '-e', PROBE], {
        cwd,
        env: { ...withoutOtel(), PROBE_URL: `${receiver.url}/${name}`, ...env },
        timeoutMs: 30_000,
      });
    const configured = mkdtempSync(path.join(project.workDir, 'otel-env-'));
    writeFileSync(path.join(configured, '.env'), `# as a user would\nOTEL_EXPORTER_OTLP_ENDPOINT=${receiver.url}\n`);
    const bad = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' };
    // The project's own .env, as create-ddd-express wrote it, configures no exporter.
    const [off, fromEnvFile, refused] = await Promise.all([
      probe(project.dir, 'off'),
      probe(configured, 'on'),
      probe(project.dir, 'bad', bad),
    ]);

    expect([off.code, JSON.parse(off.stdout)]).toEqual([0, []]);
    expect(fromEnvFile.code).toBe(0);
    expect(JSON.parse(fromEnvFile.stdout)).toEqual(
      expect.arrayContaining([expect.stringContaining('@opentelemetry/sdk-trace-node')]),
    );
    const traceparentOf = (url: string) => receiver.requests().find((request) => request.url === url)?.headers.traceparent;
    expect(['/off/fetch', '/off/http'].map(traceparentOf)).toEqual([undefined, undefined]);
    expect(['/on/fetch', '/on/http'].map(traceparentOf)).toEqual([
      expect.stringMatching(TRACEPARENT),
      expect.stringMatching(TRACEPARENT),
    ]);
    expect([refused.code, refused.stdout]).toEqual([1, '']);
    expect(refused.stderr).toContain('OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf (the default) or http/json, not grpc');
  });

  describe('the server, started as npm start starts it, with an OTLP endpoint', () => {
    let server: ServerHandle | undefined;
    const check = statusCheck(() => server);

    afterAll(() => server?.kill());

    it("sends one request's spans under the client's traceparent, flushed by SIGTERM; its log lines carry the trace", async () => {
      const project = getProject();
      server = await startProjectServer(
        project,
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
          OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
          OTEL_SERVICE_NAME: 'e2e-traces',
          // Nothing leaves on the schedule: what arrives below was sent by the shutdown's flush.
          OTEL_BSP_SCHEDULE_DELAY: '600000',
          MONGODB_URI: project.mongo.uri,
          PASSWORD_HASH_COST: '1024',
        },
        startArguments(project),
      );
      await waitForReady(server);
      const api = client(server.baseUrl);
      const email = `traces-${Date.now()}@example.com`;
      const password = 'correct horse battery staple';
      const traced = (traceId: string) => ({ traceparent: `00-${traceId}-${CLIENT_SPAN}-01` });
      check(await api('POST', '/api/v1/auth/register', { json: { email, password }, headers: traced(REGISTER_TRACE) }), 201, 'register');
      const login = check(await api('POST', '/api/v1/auth/login', { json: { email, password } }), 200, 'login');
      const token = login.body.accessToken as string;
      check(await api('POST', '/api/v1/auth/logout', { token, headers: traced(LOGOUT_TRACE) }), 204, 'logout');
      expect(receiver.spans()).toEqual([]);
      server.signal('SIGTERM');
      expect(await server.waitForExit(20_000)).toEqual({ code: 0, signal: null });

      const spans = receiver.spans().filter((span) => span.traceId === REGISTER_TRACE);
      const request = spans.find((span) => span.kind === SERVER);
      if (request === undefined) {
        const received = JSON.stringify(receiver.spans(), null, 1);
        throw new Error(`no server span of trace ${REGISTER_TRACE} arrived; received: ${received}${serverOutputOf(server)}`);
      }
      expect(request).toMatchObject({
        name: 'POST /api/v1/auth/register',
        parentSpanId: CLIENT_SPAN,
        serviceName: 'e2e-traces',
        attributes: expect.objectContaining({ 'http.route': '/api/v1/auth/register' }),
      });
      const of = (scope: string) => spans.filter((span) => span.scope === `@opentelemetry/instrumentation-${scope}`);
      expect(of('express')).toEqual([
        expect.objectContaining({
          parentSpanId: request.spanId,
          attributes: expect.objectContaining({ 'http.route': '/api/v1/auth/register' }),
        }),
      ]);
      expect(of('mongoose')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ attributes: expect.objectContaining({ 'db.collection.name': 'users' }) }),
        ]),
      );
      const redis = of('ioredis');
      expect(redis.length).toBeGreaterThan(0);
      // Commands only: keys and arguments (addresses, emails, cached records, token ids) stay out of the spans.
      expect(redis.map((span) => span.attributes['db.query.text'])).toEqual(redis.map((span) => span.name));
      expect(JSON.stringify(receiver.spans())).not.toContain(email);
      // One request's spans: each one's parent is another of them, or the client's span.
      const ids = new Set([CLIENT_SPAN, ...spans.map((span) => span.spanId)]);
      expect(spans.filter((span) => !ids.has(span.parentSpanId ?? ''))).toEqual([]);
      expect(receiver.spans().some((span) => span.traceId === LOGOUT_TRACE)).toBe(true);

      const lines = logLines(server.output());
      const requestLine = lines.find((line) => (line.req as { url?: string } | undefined)?.url === '/api/v1/auth/register');
      expect(requestLine).toEqual(expect.objectContaining({ trace_id: REGISTER_TRACE, span_id: request.spanId }));
      const logoutLines = lines.filter((line) => line.trace_id === LOGOUT_TRACE).map((line) => line.msg);
      expect(logoutLines).toEqual(['[audit] session.ended', '[route] request completed']);
      // Outside a request there is no trace to name.
      expect(lines.find((line) => /listening on/.test(String(line.msg)))).not.toHaveProperty('trace_id');
      // The SDK said nothing on stderr: no invalid setting, no failed export.
      expect(server.output()).not.toContain('[telemetry]');
    }, 60_000);
  });
}
