/** docker-compose.yml of a generated project: the app starts only once its databases answer, and comes back. */
import path from 'node:path';
import { buildCreatePlan } from '../src/create/create-plan';
import { cliManifest } from '../src/shared/package-info';
import { templatesRoot } from '../src/templates/locate';
import { loadTemplateTree } from '../src/templates/render';

/** `services:` → { name: the service's lines }, by indentation (two spaces a level, as the template writes it). */
function services(compose: string): Record<string, string> {
  const blocks: Record<string, string[]> = {};
  let current: string[] | undefined;
  let inServices = false;
  for (const line of compose.split('\n')) {
    if (/^\S/.test(line)) inServices = line === 'services:';
    const service = inServices ? /^ {2}([\w-]+):$/.exec(line)?.[1] : undefined;
    if (service !== undefined) current = blocks[service] = [];
    else if (inServices && line.startsWith('    ')) current?.push(line.trim());
  }
  return Object.fromEntries(Object.entries(blocks).map(([name, lines]) => [name, lines.join('\n')]));
}

describe('the generated docker-compose.yml', () => {
  let byService: Record<string, string>;
  let prometheusConfig: string;

  beforeAll(async () => {
    const cli = cliManifest();
    const plan = buildCreatePlan(
      { targetDir: '/p/my-api', projectName: 'my-api', packageManager: 'npm', cli, cliDependency: cli.version },
      await loadTemplateTree(path.join(templatesRoot(), 'project')),
    );
    const written = (file: string): string => {
      const step = plan.steps.find((candidate) => candidate.path === file);
      if (step?.kind !== 'write') throw new Error(`no ${file}`);
      return step.content;
    };
    byService = services(written('docker-compose.yml'));
    prometheusConfig = written('prometheus.yml');
  });

  it('starts the app once MongoDB and Redis are healthy, not merely started', () => {
    expect(Object.keys(byService).sort()).toEqual(['app', 'jaeger', 'mongo', 'prometheus', 'redis']);
    expect(byService.app).toMatch(/depends_on:\nmongo:\ncondition: service_healthy\nredis:\ncondition: service_healthy/);
  });

  it('gives each database a health check that asks it to answer', () => {
    expect(byService.mongo).toMatch(/healthcheck:\ntest: \[.*'mongosh'.*ping/);
    expect(byService.redis).toMatch(/healthcheck:\ntest: \['CMD', 'redis-cli', 'ping'\]/);
  });

  it('runs Jaeger only when asked (--profile traces), on loopback, with its UI and OTLP over HTTP', () => {
    expect(byService.jaeger).toMatch(/^profiles: \[traces\]$/m);
    expect(byService.jaeger).toMatch(/ports:\n- '127\.0\.0\.1:16686:16686'\n- '127\.0\.0\.1:4318:4318'/);
    expect(byService.app).not.toContain('jaeger');
  });

  it("runs Prometheus only with --profile observability, scraping the app's metrics port, which nothing publishes", () => {
    expect(byService.prometheus).toMatch(/^profiles: \[observability\]$/m);
    expect(byService.prometheus).toMatch(/^ports:\n- '127\.0\.0\.1:9090:9090'$/m);
    expect(byService.app).toMatch(/^METRICS_PORT: 9464\nMETRICS_HOST: 0\.0\.0\.0$/m);
    expect(byService.app).toMatch(/^ports:\n- '3000:3000'\nenv_file/m);
    expect(prometheusConfig).toMatch(/^ {6}- targets: \['app:9464'\]$/m);
    expect(prometheusConfig).toMatch(/^ {2}- job_name: my-api$/m);
  });

  it('restarts every service that stops, the app included', () => {
    for (const [name, block] of Object.entries(byService)) expect([name, /^restart: unless-stopped$/m.test(block)]).toEqual([name, true]);
  });
});
