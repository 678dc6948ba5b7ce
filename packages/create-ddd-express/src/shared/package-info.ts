import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CliManifest } from '../create/lockfile';
import { packageRoot } from '../templates/locate';

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
