import { applyPlanInPlace } from '../../plan/apply-in-place';
import { LOCKFILE } from '../../project/lockfile';
import { MANIFEST_FILE } from '../../project/manifest';
import { findProjectRoot } from '../../project/project';
import { readManifest } from '../../project/project-files';
import { PACKAGE_JSON } from '../../project/project-render';
import { CliError } from '../../shared/cli-error';
import type { CliIo } from '../../shared/cli-io';
import { cliVersion } from '../../shared/package-info';
import { adoptProject } from './adopt-command';
import { treeState } from '../../project/git-history';
import { readUpgradeInput } from './read-upgrade';
import { buildUpgradePlan } from './upgrade-plan';
import { conflictsOf, countOutcomes, formatUpgrade, upgradeToJson } from './upgrade-report';

export interface UpgradeFlags {
  readonly check?: boolean;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly force?: boolean;
  readonly adopt?: boolean;
}

/** Whether version `a` is newer than `b` (x.y.z; a pre-release tag counts as older than its release). */
function isNewer(a: string, b: string): boolean {
  const parts = (version: string): number[] => version.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  const differing = x.findIndex((part, index) => part !== y[index]);
  return differing !== -1 && (x[differing] ?? 0) > (y[differing] ?? 0);
}

function assertCleanTree(root: string, io: CliIo): void {
  const state = treeState(root);
  if (state.kind === 'untracked') {
    io.printError(`Warning: ${state.reason}, so nothing can undo this upgrade but you; review the files it lists.`);
    return;
  }
  if (state.kind === 'clean') return;
  const shown = state.files.slice(0, 5).join(', ') + (state.files.length > 5 ? `, … (${state.files.length} in all)` : '');
  throw new CliError(
    `the git tree has uncommitted changes (${shown}); nothing was changed`,
    'Commit or stash them first, so that git shows what the upgrade did and can undo it; or pass --force.',
  );
}

function nextSteps(packageManager: string, changedDependencies: boolean, conflicts: readonly string[]): string {
  const steps = [
    ...(conflicts.length > 0 ? [`resolve the conflict markers in ${conflicts.join(', ')}`] : []),
    ...(changedDependencies ? [`${packageManager} install`] : []),
    `${packageManager} run typecheck && ${packageManager} run lint && ${packageManager} test`,
    'git diff, then commit',
  ];
  return steps.map((step) => `  ${step}`).join('\n');
}

/**
 * `ddd upgrade`: merge what the installed, newer templates make of the recorded inputs into the project. Returns
 * the exit code: 1 for `--check` when behind, and after applying when a conflict is left for the user.
 */
export async function upgradeProject(flags: UpgradeFlags, io: CliIo): Promise<number> {
  if (flags.adopt) return adoptProject(flags, io);
  const root = findProjectRoot(io.cwd);
  const { manifest, manifestText } = await readManifest(root);
  const { project } = manifest;
  if (project === undefined) {
    throw new CliError(
      `${MANIFEST_FILE} does not record the files as generated: the project was made before ddd upgrade existed`,
      'Commit your work, run ddd upgrade --adopt to record them, commit that, then run ddd upgrade (docs/upgrading.md).',
    );
  }
  const to = cliVersion();
  const from = manifest.templateVersion;
  if (isNewer(from, to)) {
    throw new CliError(
      `the project is on template ${from}, newer than this create-ddd-express (${to}); nothing was changed`,
      `Install create-ddd-express ${from} or later (npm install --save-dev create-ddd-express@${from}).`,
    );
  }
  const writes = !flags.check && !flags.dryRun && !flags.json;
  if (writes && !flags.force) assertCleanTree(root, io);
  const upgrade = buildUpgradePlan(await readUpgradeInput(root, manifest, manifestText, project, io.env));

  if (flags.json) { io.print(upgradeToJson(upgrade, from, to)); return 0; }
  if (flags.check) {
    const changes = countOutcomes(upgrade) || 'no file of yours';
    io.print(upgrade.behind ? `Behind template ${to} (${changes}); run ddd upgrade.` : `Current with template ${to}.`);
    return upgrade.behind ? 1 : 0;
  }
  if (upgrade.plan.steps.length === 0) { io.print(`Already current with template ${to}: nothing to change.`); return 0; }
  const report = formatUpgrade(upgrade);
  if (flags.dryRun) {
    io.print(`Dry run, nothing written. Upgrading template ${from} → ${to} (${countOutcomes(upgrade)}) would do:\n${report}`);
    return 0;
  }
  await applyPlanInPlace(upgrade.plan);
  const conflicts = conflictsOf(upgrade);
  const changedDependencies = upgrade.files.some((file) => file.path === LOCKFILE || file.path === PACKAGE_JSON);
  const steps = nextSteps(project.packageManager, changedDependencies, conflicts);
  io.print(`Upgraded template ${from} → ${to} (${countOutcomes(upgrade)}):\n${report}\n\nNext steps:\n${steps}`);
  if (conflicts.length === 0) return 0;
  io.printError(`\n${conflicts.length} file(s) with conflicts (marked <<<<<<< yours … >>>>>>> template): ${conflicts.join(', ')}`);
  return 1;
}
