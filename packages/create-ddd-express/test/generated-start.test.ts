/** How a generated project's server starts: the Dockerfile runs exactly what `npm start` runs, preload included. */
import path from 'node:path';
import { buildCreatePlan } from '../src/create/create-plan';
import type { Plan } from '../src/plan/plan';
import { cliManifest } from '../src/shared/package-info';
import { templatesRoot } from '../src/templates/locate';
import { loadTemplateTree } from '../src/templates/render';

function written(plan: Plan, file: string): string {
  const step = plan.steps.find((candidate) => candidate.path === file);
  if (step?.kind !== 'write') throw new Error(`the plan writes no ${file}`);
  return step.content;
}

describe('the generated server starts', () => {
  let start: string;
  let dockerCmd: string[];

  beforeAll(async () => {
    const cli = cliManifest();
    const plan = buildCreatePlan(
      { targetDir: '/p/my-api', projectName: 'my-api', packageManager: 'npm', cli, cliDependency: cli.version },
      await loadTemplateTree(path.join(templatesRoot(), 'project')),
    );
    start = (JSON.parse(written(plan, 'package.json')) as { scripts: { start: string } }).scripts.start;
    const cmd = /^CMD (\[.*\])$/m.exec(written(plan, 'Dockerfile'))?.[1];
    if (cmd === undefined) throw new Error('the Dockerfile has no CMD in exec form');
    dockerCmd = JSON.parse(cmd) as string[];
  });

  it('with the tracing preload before main, in npm start', () => {
    expect(start).toMatch(/^node .*--require \.\/dist\/telemetry\.js dist\/main\.js$/);
  });

  it('in the Dockerfile as in npm start: the same node flags, the same preload', () => {
    expect(dockerCmd).toEqual(start.split(' '));
  });
});
