/**
 * A project's files as the generator makes them from its inputs: what `create-ddd-express` writes and what
 * `ddd upgrade` renders again, with newer templates, to merge into the project.
 */
import { pinnedVersion } from '../dependencies/dependency-versions';
import type { FileWrite } from '../plan/plan';
import type { CliManifest } from '../shared/package-info';
import { renderTemplates, type TemplateFile } from '../templates/render';
import { fitLockfile, LOCKFILE } from './lockfile';
import { hashContent, MANIFEST_FILE } from './manifest';
import type { PackageManager } from './package-manager';

export interface ProjectInputs {
  /** Absolute directory the project is written in. */
  readonly targetDir: string;
  readonly projectName: string;
  readonly packageManager: PackageManager;
  /** The running CLI's package.json. */
  readonly cli: CliManifest;
  readonly cliDependency: string;
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

export const PACKAGE_JSON = 'package.json';
export const ENV_FILE = '.env';

/**
 * Files the generator writes but keeps no base of: ddd.json is the record itself, `.env` holds the project's own
 * secrets, and the lockfile is derived from package.json (an upgrade fits the newly tested one to the merged
 * package.json instead of merging text).
 */
const UNRECORDED = new Set([MANIFEST_FILE, ENV_FILE, LOCKFILE]);

export function isRecorded(file: string): boolean {
  return !UNRECORDED.has(file);
}

/** Project-relative path → hash, of the files a record keeps. */
export function hashesOf(files: readonly FileWrite[]): Record<string, string> {
  return Object.fromEntries(files.filter((file) => isRecorded(file.path)).map((file) => [file.path, hashContent(file.content)]));
}

/** Pure: the files of the project rendered from `templates`, the lockfile fitted (npm only); no `.env`. */
export function renderProject(inputs: ProjectInputs, templates: readonly TemplateFile[]): FileWrite[] {
  const data: ProjectTemplateData = {
    projectName: inputs.projectName,
    // The directory name is validated as a package name before we get here, so both are the same string.
    packageName: inputs.projectName,
    cliVersion: inputs.cli.version,
    cliDependency: inputs.cliDependency,
    packageManager: inputs.packageManager,
    pinned: pinnedVersion,
  };
  const rendered = renderTemplates(templates, { ...data }).map((file): FileWrite => ({ kind: 'write', ...file }));
  return withLockfile(rendered, inputs);
}

/**
 * npm projects get the tested lockfile, fitted to their package.json; pnpm and yarn write their own lockfiles
 * (from the same exact direct versions), so they get none.
 */
function withLockfile(writes: readonly FileWrite[], inputs: ProjectInputs): FileWrite[] {
  const packageJson = writes.find((step) => step.path === PACKAGE_JSON);
  return writes.flatMap((step): FileWrite[] => {
    if (step.path !== LOCKFILE) return [step];
    if (inputs.packageManager !== 'npm' || packageJson === undefined) return [];
    return [{ ...step, content: fitLockfile(step.content, packageJson.content, inputs.cli, inputs.targetDir) }];
  });
}
