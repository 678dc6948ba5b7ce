import { createRequire } from 'node:module';
import path from 'node:path';
import type { FileWrite, Plan, PlanStep } from '../../plan/plan';
import { PRINT_WIDTH } from '../../bounded-context/template-helpers';

export interface Prettier {
  format(source: string, options: Record<string, unknown>): Promise<string>;
  resolveConfig(file: string): Promise<Record<string, unknown> | null>;
}

function isPrettier(value: unknown): value is Prettier {
  return (
    typeof value === 'object' &&
    value !== null &&
    'format' in value &&
    typeof value.format === 'function' &&
    'resolveConfig' in value &&
    typeof value.resolveConfig === 'function'
  );
}

/** The project's own Prettier, or undefined when it is not installed yet. */
function projectPrettier(root: string): Prettier | undefined {
  try {
    // Resolved from the project, which has Prettier as a dev dependency; its CommonJS entry loads synchronously.
    const loaded: unknown = createRequire(path.join(root, 'package.json'))('prettier');
    return isPrettier(loaded) ? loaded : undefined;
  } catch {
    return undefined;
  }
}

export interface FormattedPlan {
  readonly plan: Plan;
  /** Files left with lines over the width because the project has no Prettier installed. */
  readonly unformatted: readonly string[];
}

/**
 * Step 2 of generating a context: templates are laid out in the project's Prettier style for names of ordinary
 * length; only when a long name pushes a line past the print width is the project's Prettier loaded (it costs more
 * than the whole generation) and those files rewritten in the plan.
 */
export async function formatOverlong(plan: Plan, loadPrettier = projectPrettier): Promise<FormattedPlan> {
  const overlong = plan.steps.filter(
    (step): step is FileWrite =>
      step.kind === 'write' && step.content.split('\n').some((line) => line.length > PRINT_WIDTH),
  );
  if (overlong.length === 0) return { plan, unformatted: [] };
  const prettier = loadPrettier(plan.root);
  if (prettier === undefined) return { plan, unformatted: overlong.map((step) => step.path) };
  const formatted = new Map<PlanStep, string>();
  for (const step of overlong) {
    const filepath = path.join(plan.root, step.path);
    const options = (await prettier.resolveConfig(filepath)) ?? {};
    formatted.set(step, await prettier.format(step.content, { ...options, filepath }));
  }
  const steps = plan.steps.map((step) => {
    const content = formatted.get(step);
    return content === undefined || step.kind !== 'write' ? step : { ...step, content };
  });
  return { plan: { ...plan, steps }, unformatted: [] };
}
