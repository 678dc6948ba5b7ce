import { pinnedVersion } from '../dependencies/dependency-versions';
import type { FileWrite, Plan } from '../plan/plan';
import { renderTemplates, type TemplateFile } from '../templates/render';
import type { PackageManager } from './package-manager';
import type { CliManifest } from '../shared/package-info';
import { fitLockfile, LOCKFILE } from './lockfile';
import { injectSecrets, randomSecret, type SecretGenerator } from './secrets';

export interface CreatePlanInput {
  readonly targetDir: string;
  readonly projectName: string;
  readonly packageManager: PackageManager;
  /** The running CLI's package.json. */
  readonly cli: CliManifest;
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
  /** `pinned('zod')`: the exact version from the version map; the only way a template names a version. */
  readonly pinned: (name: string) => string;
}

const PACKAGE_JSON = 'package.json';
const ENV_EXAMPLE = '.env.example';
const ENV = '.env';

/** Pure: the files of a new project, from its templates; nothing is read or written. */
export function buildCreatePlan(input: CreatePlanInput, templates: readonly TemplateFile[]): Plan {
  const data: ProjectTemplateData = {
    projectName: input.projectName,
    // The directory name is validated as a package name before we get here, so both are the same string.
    packageName: input.projectName,
    cliVersion: input.cli.version,
    cliDependency: input.cliDependency,
    packageManager: input.packageManager,
    pinned: pinnedVersion,
  };
  const rendered: FileWrite[] = renderTemplates(templates, { ...data }).map((file) => ({
    kind: 'write',
    path: file.path,
    content: file.content,
  }));
  const writes = withLockfile(rendered, input);
  const envExample = writes.find((step) => step.path === ENV_EXAMPLE);
  // `.env` is never a template: it is gitignored, and each project needs its own secrets.
  if (envExample && !writes.some((step) => step.path === ENV)) {
    writes.push({ kind: 'write', path: ENV, content: injectSecrets(envExample.content, input.generateSecret ?? randomSecret) });
  }
  return { root: input.targetDir, steps: writes };
}

/**
 * npm projects get the tested lockfile, fitted to their package.json; pnpm and yarn write their own lockfiles
 * (from the same exact direct versions), so they get none.
 */
function withLockfile(writes: readonly FileWrite[], input: CreatePlanInput): FileWrite[] {
  const packageJson = writes.find((step) => step.path === PACKAGE_JSON);
  return writes.flatMap((step): FileWrite[] => {
    if (step.path !== LOCKFILE) return [step];
    if (input.packageManager !== 'npm' || packageJson === undefined) return [];
    return [{ ...step, content: fitLockfile(step.content, packageJson.content, input.cli, input.targetDir) }];
  });
}
