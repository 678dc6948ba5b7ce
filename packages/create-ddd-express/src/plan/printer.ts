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

/** One line per step, for `--dry-run` and for the summary after applying. */
export function formatPlan(plan: Plan): string {
  const width = Math.max(...Object.values(VERBS).map((verb) => verb.length));
  return plan.steps
    .map((step) => `  ${VERBS[step.kind].padEnd(width)}  ${step.path}  (${describe(step)})`)
    .join('\n');
}

/** The plan as JSON for `--json`: contents included so that tools can diff them. */
export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2);
}
