import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiInfo } from './openapi-document';

/**
 * The document's title and version: the package's name and version, read from package.json (the same
 * three levels up from here in `src/` and in `dist/`), so a release bumps them in one place.
 */
export function apiInfo(): ApiInfo {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    description?: string;
  };
  const { name, version, description } = manifest;
  return { title: name, version, ...(description !== undefined && { description }) };
}
