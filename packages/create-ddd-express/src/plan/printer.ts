import path from 'node:path';
import { isPackName, packEntries } from '../project/base-pack';
import { BASE_DIR } from '../project/base-store';
import type { Plan, PlanStep } from './plan';

const VERBS: Readonly<Record<PlanStep['kind'], string>> = { write: 'create', edit: 'update', delete: 'remove' };

function lineCount(text: string): number {
  return text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

function describe(step: PlanStep): string {
  switch (step.kind) {
    case 'write':
      return `${lineCount(step.content)} lines`;
    case 'edit':
      return step.summary;
    case 'delete':
      return `${lineCount(step.before)} lines`;
  }
}

/** How many contents a step of the store writes or drops: one for a loose object, every entry for a pack. */
function contentCount(step: PlanStep): number {
  if (!isPackName(path.posix.basename(step.path))) return 1;
  return packEntries(step.kind === 'write' ? step.content : step.before)?.size ?? 0;
}

/** The generated contents (project/base-store.ts): one line sums up their steps. */
function baseSummary(steps: readonly PlanStep[]): string[] {
  if (steps.length === 0) return [];
  const count = (deleted: boolean): string => {
    const chosen = steps.filter((step) => (step.kind === 'delete') === deleted);
    const contents = chosen.reduce((sum, step) => sum + contentCount(step), 0);
    const packs = chosen.filter((step) => isPackName(path.posix.basename(step.path))).length;
    const packed = packs === 0 ? '' : packs === 1 ? ' in one pack file' : ` in ${packs} pack files`;
    return `${contents} ${deleted ? 'dropped' : 'stored'}${packed}`;
  };
  return [`${count(false)}, ${count(true)}: the files as generated, for ddd upgrade`];
}

/** One line per step, for `--dry-run` and for the summary after applying. */
export function formatPlan(plan: Plan): string {
  const width = Math.max(...Object.values(VERBS).map((verb) => verb.length));
  const inBase = (step: PlanStep): boolean => step.path.startsWith(`${BASE_DIR}/`);
  const lines = plan.steps
    .filter((step) => !inBase(step))
    .map((step) => `  ${VERBS[step.kind].padEnd(width)}  ${step.path}  (${describe(step)})`);
  const base = baseSummary(plan.steps.filter(inBase)).map((summary) => `  ${'update'.padEnd(width)}  ${BASE_DIR}/  (${summary})`);
  return [...lines, ...base].join('\n');
}

/** The plan as JSON for `--json`: contents included so that tools can diff them. */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2);
}
