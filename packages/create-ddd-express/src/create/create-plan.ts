import type { FileWrite, Plan } from '../plan/plan';
import { renderTemplates, type TemplateFile } from '../templates/render';
import type { PackageManager } from './package-manager';
import { injectSecrets, randomSecret, type SecretGenerator } from './secrets';

export interface CreatePlanInput {
  readonly targetDir: string;
  readonly projectName: string;
  readonly packageManager: PackageManager;
  readonly cliVersion: string;
  readonly cliDependency: string;
  /** Injected so tests get stable secrets. */
  readonly generateSecret?: SecretGenerator;
}

/** The variables every project template may use (docs/generated-project.md). */
export interface ProjectTemplateData {
  readonly projectName: string;
  readonly packageName: string;
  readonly cliVersion: string;
  readonly cliDependency: string;
  readonly packageManager: PackageManager;
}

const ENV_EXAMPLE = '.env.example';
const ENV = '.env';

/** Pure: the files of a new project, from its templates; nothing is read or written. */
export function buildCreatePlan(input: CreatePlanInput, templates: readonly TemplateFile[]): Plan {
  const data: ProjectTemplateData = {
    projectName: input.projectName,
    // The directory name is validated as a package name before we get here, so both are the same string.
    packageName: input.projectName,
    cliVersion: input.cliVersion,
    cliDependency: input.cliDependency,
    packageManager: input.packageManager,
  };
  const writes: FileWrite[] = renderTemplates(templates, { ...data }).map((file) => ({
    kind: 'write',
    path: file.path,
    content: file.content,
  }));
  const envExample = writes.find((step) => step.path === ENV_EXAMPLE);
  // `.env` is never a template: it is gitignored, and each project needs its own secrets.
  if (envExample && !writes.some((step) => step.path === ENV)) {
    writes.push({ kind: 'write', path: ENV, content: injectSecrets(envExample.content, input.generateSecret ?? randomSecret) });
  }
  return { root: input.targetDir, steps: writes };
}
