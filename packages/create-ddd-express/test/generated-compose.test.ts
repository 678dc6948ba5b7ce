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

  beforeAll(async () => {
    const cli = cliManifest();
    const plan = buildCreatePlan(
      { targetDir: '/p/my-api', projectName: 'my-api', packageManager: 'npm', cli, cliDependency: cli.version },
      await loadTemplateTree(path.join(templatesRoot(), 'project')),
    );
    const step = plan.steps.find((candidate) => candidate.path === 'docker-compose.yml');
    if (step?.kind !== 'write') throw new Error('no docker-compose.yml');
    byService = services(step.content);
  });

  it('starts the app once MongoDB and Redis are healthy, not merely started', () => {
    expect(Object.keys(byService).sort()).toEqual(['app', 'jaeger', 'mongo', 'redis']);
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

  it('restarts every service that stops, the app included', () => {
    for (const [name, block] of Object.entries(byService)) expect([name, /^restart: unless-stopped$/m.test(block)]).toEqual([name, true]);
  });
});
