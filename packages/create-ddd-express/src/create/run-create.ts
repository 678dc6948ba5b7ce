import path from 'node:path';
import { applyToNewDirectory } from '../plan/apply-to-new-directory';
import { CliError } from '../shared/cli-error';
import type { CliIo } from '../shared/cli-io';
import { cliManifest } from '../shared/package-info';
import { loadTemplates } from '../templates/load';
import { packageRoot } from '../shared/package-info';
import { resolveCliDependency } from '../project/cli-dependency';
import { parseCreateCommandLine } from './command-line';
import { buildCreatePlan } from './create-plan';
import { LOCKFILE } from '../project/lockfile';
import type { GitOutcome } from './git';
import { displayPath, nextSteps } from './next-steps';
import { resolveCreateOptions, type CreateOptions } from './options';
import { assertValidProjectName } from './project-name';
import { inspectTargetDir } from './target-dir';

/*
 * What only some runs need is loaded when they need it: git and the install (child_process), the prompts and the
 * dry run's printer cost `create-ddd-express my-api --yes --no-install --no-git` nothing. require, not import():
 * a dynamic import would start Node's ESM loader, which costs more than these modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const onUse = {
  git: () => require('./git') as typeof import('./git'),
  install: () => require('./install') as typeof import('./install'),
  prompt: () => require('./prompt') as typeof import('./prompt'),
  printer: () => require('../plan/printer') as typeof import('../plan/printer'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** The whole `create-ddd-express` command; returns the exit code. Errors the user can fix are thrown as CliError. */
export async function runCreate(argv: readonly string[], io: CliIo): Promise<number> {
  const cli = cliManifest();
  const commandLine = parseCreateCommandLine(argv, cli.version);
  if (commandLine.kind === 'exit') return commandLine.exitCode;
  const options = await resolveCreateOptions(commandLine.flags, {
    cwd: io.cwd,
    userAgent: io.env.npm_config_user_agent,
    interactive: io.interactive,
    ask: (questions) => onUse.prompt().askAtTerminal(questions),
  });
  const shownDir = displayPath(options.targetDir, io.cwd);
  assertValidProjectName(options.projectName, options.directory);
  inspectTargetDir(options.targetDir, shownDir);

  const templates = await loadTemplates('project', io.env);
  const cliDependency = resolveCliDependency({ targetDir: options.targetDir, packageRoot, version: cli.version, env: io.env });
  const plan = buildCreatePlan({ ...options, cli, cliDependency }, templates);

  if (options.dryRun) {
    io.print(`Dry run: would create ${shownDir} with these files (nothing was written):\n${onUse.printer().formatPlan(plan)}`);
    io.print(describeFollowUps(options));
    return 0;
  }
  io.print(`Creating ${options.projectName} in ${options.targetDir}…`);
  await applyToNewDirectory(plan);
  io.print(`Created ${plan.steps.length} files.`);

  // Install before git so that the lockfile is part of the initial commit.
  const hasLockfile = plan.steps.some((step) => step.path === LOCKFILE);
  const install = options.install
    ? await onUse.install().installDependencies(options.packageManager, options.targetDir, hasLockfile)
    : undefined;
  if (options.git) reportGit(onUse.git().initGitRepository(options.targetDir, path.dirname(options.targetDir)), io);
  if (install && !install.ok) {
    throw new CliError(
      `Installing dependencies with ${options.packageManager} failed (${install.reason}); the project itself is in place.`,
      `Retry with: cd ${shownDir} && ${options.packageManager} install`,
    );
  }
  const installed = install?.ok === true;
  const steps = nextSteps({ ...options, cwd: io.cwd, installed });
  io.print(`\nDone. Next steps:\n${steps.map((step) => `  ${step}`).join('\n')}`);
  return 0;
}

function describeFollowUps(options: CreateOptions): string {
  const followUps = [
    ...(options.install ? [`${options.packageManager} install`] : []),
    ...(options.git ? ['git init + initial commit'] : []),
  ];
  return followUps.length > 0 ? `Then it would run: ${followUps.join(', ')}.` : '';
}

function reportGit(outcome: GitOutcome, io: CliIo): void {
  switch (outcome.kind) {
    case 'committed':
      io.print('Initialised a git repository with an initial commit.');
      return;
    case 'skipped':
      io.print(`Skipped git init: ${outcome.reason}.`);
      return;
    case 'failed':
      io.printError(`Warning: git init failed, the project is fine; run git yourself. Git said: ${outcome.reason}`);
      return;
  }
}
