import { realpathSync } from 'node:fs';
import path from 'node:path';

export interface CliDependencyInput {
  /** Absolute path of the project being created. */
  readonly targetDir: string;
  /** The running create-ddd-express package's directory. */
  readonly packageRoot: string;
  readonly version: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Lets the end-to-end test point generated projects at a packed tarball. */
export const CLI_SPEC_ENV = 'CREATE_DDD_EXPRESS_CLI_SPEC';

/**
 * The spec the generated package.json uses for create-ddd-express (it provides the `ddd` generator).
 * Run from a checkout, the published version may not exist yet or may differ, so the project links the
 * checkout with a relative `file:` spec; installed from the registry (inside node_modules), it pins its own
 * exact version, as every other dependency of the project is pinned.
 */
export function resolveCliDependency(input: CliDependencyInput): string {
  const override = input.env[CLI_SPEC_ENV]?.trim();
  if (override) return override;
  const realRoot = realpathOrSelf(input.packageRoot);
  if (realRoot.split(path.sep).includes('node_modules')) return input.version;
  // Both sides real paths: npm resolves `file:` from the project's real location (/tmp may be a symlink).
  const realTarget = path.join(realpathOrSelf(path.dirname(input.targetDir)), path.basename(input.targetDir));
  const relative = path.relative(realTarget, realRoot).split(path.sep).join('/');
  return `file:${relative === '' ? '.' : relative}`;
}

function realpathOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
