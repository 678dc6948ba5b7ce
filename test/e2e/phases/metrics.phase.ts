/**
 * The metrics as Prometheus reads them: the built server with METRICS_PORT answers real requests to a route with a
 * path parameter, Debian's `prometheus` scrapes it with the project's own prometheus.yml (pointed at the server,
 * every second), and its query API returns the request-duration series of the route template, and no raw path.
 * Needs `prometheus` on PATH (Debian: `apt-get install prometheus`); without it the phase is reported as not run.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  client,
  expectStatus,
  freePort,
  http,
  log,
  type RunningProcess,
  type ServerHandle,
  serverOutputOf,
  signUp,
  startProcess,
  tail,
  waitForReady,
  waitUntil,
} from '../helpers';
import { type GeneratedProject, PROJECT_NAME, startProjectServer } from '../project';

const found = spawnSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' });
/** Debian's `prometheus` (or another on PATH); undefined when there is none. */
const PROMETHEUS = found.status === 0 ? found.stdout.trim() : undefined;
const ROLES_ROUTE = '/api/v1/users/:id/roles';

interface PromSeries {
  readonly metric: Record<string, string>;
  readonly value: [number, string];
}

/** The project's prometheus.yml, scraping `target` every second instead of the compose network's `app:9464`. */
function scrapeConfig(project: GeneratedProject, target: string): string {
  const config = readFileSync(path.join(project.dir, 'prometheus.yml'), 'utf8');
  if (!config.includes("'app:9464'") || !config.includes('scrape_interval: 15s')) {
    throw new Error(`prometheus.yml no longer has the target and interval this phase replaces:\n${config}`);
  }
  return config.replace("'app:9464'", `'${target}'`).replace('scrape_interval: 15s', 'scrape_interval: 1s');
}

interface Prometheus {
  readonly process: RunningProcess;
  /** An instant query's series (the API's `data.result`). */
  query(promql: string): Promise<PromSeries[]>;
  /** Waits until `probe` holds, failing with what Prometheus printed. */
  until(probe: () => Promise<boolean>, what: () => string): Promise<void>;
}

/** Starts `prometheus` with `config` in `workDir` (storage too) on a free port; resolves once it scraped its target. */
async function startPrometheus(workDir: string, config: string): Promise<Prometheus> {
  mkdirSync(workDir, { recursive: true });
  const configFile = path.join(workDir, 'prometheus.yml');
  writeFileSync(configFile, config);
  const url = `http://127.0.0.1:${await freePort()}`;
  const flags = [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${path.join(workDir, 'data')}`,
    `--web.listen-address=${url.slice('http://'.length)}`,
  ];
  const running = startProcess(PROMETHEUS as string, flags, { cwd: workDir });
  const get = async (route: string) => {
    if (running.exited()) throw new Error(`Prometheus exited:\n${tail(running.output(), 40)}`);
    return (await http(url, 'GET', route)).body?.data;
  };
  const prometheus: Prometheus = {
    process: running,
    query: async (promql) =>
      ((await get(`/api/v1/query?query=${encodeURIComponent(promql)}`))?.result ?? []) as PromSeries[],
    until: (probe, what) =>
      waitUntil(probe, {
        timeoutMs: 30_000,
        intervalMs: 100,
        what: () => `${what()}; Prometheus output:\n${tail(running.output(), 40)}`,
      }),
  };
  // A target is "up" once Prometheus has scraped it.
  const scraped = async () => {
    const active = ((await get('/api/v1/targets'))?.activeTargets ?? []) as { health: string }[];
    return active.length === 1 && active[0]?.health === 'up';
  };
  try {
    await prometheus.until(scraped, () => 'the metrics target to be scraped (health "up")');
  } catch (error) {
    running.kill();
    throw error;
  }
  return prometheus;
}

export function metricsPhase(getProject: () => GeneratedProject): void {
  const withPrometheus = PROMETHEUS === undefined ? describe.skip : describe;
  const name =
    PROMETHEUS === undefined
      ? 'metrics scraped by Prometheus: NOT RUN, no prometheus on PATH (apt-get install prometheus)'
      : `metrics scraped by a real Prometheus (${PROMETHEUS})`;

  withPrometheus(name, () => {
    let server: ServerHandle | undefined;
    let prometheus: Prometheus | undefined;
    afterAll(() => {
      server?.kill();
      prometheus?.process.kill();
    });

    it('serves request durations by route template on METRICS_PORT only; Prometheus holds no raw path', async () => {
      const project = getProject();
      const metricsPort = await freePort();
      const adminEmail = `metrics-admin-${Date.now()}@example.com`;
      server = await startProjectServer(project, {
        METRICS_PORT: String(metricsPort),
        ADMIN_EMAILS: adminEmail,
        PASSWORD_HASH_COST: '1024',
      });
      await waitForReady(server);
      const api = client(server.baseUrl);
      const adminToken = await signUp(api, adminEmail);
      const registered = await api('POST', '/api/v1/auth/register', {
        json: { email: `metrics-user-${Date.now()}@example.com`, password: 'correct horse battery staple' },
      });
      const userId = expectStatus(registered, 201, 'register a user').body.user.id as string;
      for (const roles of [['admin'], [], ['admin']]) {
        const changed = await api('PUT', `/api/v1/users/${userId}/roles`, { token: adminToken, json: { roles } });
        expectStatus(changed, 200, 'change roles');
      }
      const strangers = [randomUUID(), randomUUID()];
      for (const id of strangers) {
        expectStatus(await api('PUT', `/api/v1/users/${id}/roles`, { json: { roles: [] } }), 401, 'without a token');
      }
      expectStatus(await api('GET', `/no/such/route/${userId}`), 404, 'unknown route');
      expectStatus(await api('GET', '/metrics'), 404, '/metrics on the public port');

      // Started after the requests: its first scrape sees them all.
      prometheus = await startPrometheus(
        path.join(project.workDir, 'prometheus'),
        scrapeConfig(project, `127.0.0.1:${metricsPort}`),
      );
      const { query, until } = prometheus;
      const durations = `http_request_duration_seconds_count{route="${ROLES_ROUTE}"}`;
      let series: PromSeries[] = [];
      await until(
        async () => (series = await query(durations)).length === 2,
        () => `two series of ${durations} (got ${JSON.stringify(series)})${serverOutputOf(server)}`,
      );
      const byStatus = Object.fromEntries(series.map(({ metric, value }) => [metric.status_code, value[1]]));
      expect(byStatus).toEqual({ '200': '3', '401': '2' });
      expect(series.map(({ metric }) => [metric.job, metric.method])).toEqual([
        [PROJECT_NAME, 'PUT'],
        [PROJECT_NAME, 'PUT'],
      ]);

      const routes = (await query('count by (route) (http_request_duration_seconds_count)')).map(
        ({ metric }) => metric.route ?? '',
      );
      log(`metrics: Prometheus holds the routes ${routes.join(', ')}`);
      expect(routes).toEqual(expect.arrayContaining([ROLES_ROUTE, '/api/v1/auth/register', '(unmatched)']));
      expect(routes.filter((route) => [userId, ...strangers].some((id) => route.includes(id)))).toEqual([]);
      expect((await query('redis_connected')).map(({ value }) => value[1])).toEqual(['1']);

      // With Prometheus's connection open, SIGTERM still ends the process cleanly: the metrics server closes too.
      server.signal('SIGTERM');
      expect(await server.waitForExit(15_000)).toEqual({ code: 0, signal: null });
    }, 90_000);
  });
}
