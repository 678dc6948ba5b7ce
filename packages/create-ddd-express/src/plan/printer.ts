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


/** The generated contents (project/base-store.ts): one line sums up their steps. */
function baseSummary(steps: readonly PlanStep[]): string[] {
  if (steps.length === 0) return [];
  const stored = steps.filter((step) => step.kind !== 'delete').length;
  return [`${stored} stored, ${steps.length - stored} dropped: the files as generated, for ddd upgrade`];
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
