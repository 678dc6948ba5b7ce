import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../templates/locate';

/**
 * The CLI's own version, read at run time: package.json sits outside `rootDir`, so it cannot be imported, and
 * reading it keeps `npm version` the single source of truth.
 */
export function cliVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
  if (typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string') {
    return manifest.version;
  }
  throw new Error(`No version in ${path.join(packageRoot, 'package.json')}`);
}
