import type { FileReport, ReportedOutcome, UpgradePlan } from './upgrade-plan';

/** Conflicts first: they are what the user must act on. */
const ORDER: readonly ReportedOutcome[] = ['conflict', 'merged', 'replaced', 'added', 'removed', 'moved', 'kept'];

function line(file: FileReport, width: number): string[] {
  const reason = file.reason === undefined ? '' : `  (${file.reason})`;
  return [`  ${file.outcome.padEnd(width)}  ${file.path}${reason}`, ...(file.notes ?? []).map((note) => `      ${note}`)];
}

/** "1 conflict, 2 merged, 40 replaced": how many files of each outcome, in ORDER. */
export function countOutcomes(upgrade: UpgradePlan): string {
  return ORDER.map((outcome) => [outcome, upgrade.files.filter((file) => file.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`)
    .join(', ');
}

/** One line per file the upgrade acts on or reports, grouped by outcome. */
export function formatUpgrade(upgrade: UpgradePlan): string {
  const width = Math.max(...ORDER.map((outcome) => outcome.length));
  const sorted = ORDER.flatMap((outcome) => upgrade.files.filter((file) => file.outcome === outcome));
  return sorted.flatMap((file) => line(file, width)).join('\n');
}

export function conflictsOf(upgrade: UpgradePlan): string[] {
  return upgrade.files.filter((file) => file.outcome === 'conflict').map((file) => file.path);
}

/** `--json`: the per-file outcomes, and the plan with every content so that tools can diff it. */
export function upgradeToJson(upgrade: UpgradePlan, from: string, to: string): string {
  return JSON.stringify({ from, to, behind: upgrade.behind, files: upgrade.files, plan: upgrade.plan }, null, 2);
}
