import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package's own directory (`dist/shared/package-info.js` → two levels up). */
export const packageRoot = path.resolve(__dirname, '..', '..');

/** The fields of create-ddd-express's own package.json that a generated project's lockfile copies. */
export interface CliManifest {
  readonly version: string;
  readonly license?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly bin?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly engines?: Readonly<Record<string, string>>;
}

/**
 * The CLI's own package.json, read at run time: it sits outside `rootDir`, so it cannot be imported, and reading
 * it keeps `npm version` the single source of truth.
 */
export function cliManifest(): CliManifest {
  const file = path.join(packageRoot, 'package.json');
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest as CliManifest;
  }
  throw new Error(`No version in ${file}`);
}

export function cliVersion(): string {
  return cliManifest().version;
}
