import { existsSync } from 'node:fs';
import path from 'node:path';

/** The package's own directory (`dist/templates/locate.js` → two levels up). */
export const packageRoot = path.resolve(__dirname, '..', '..');

/**
 * In this repository (`packages/create-ddd-express`) templates are read from the top-level `templates/`, so that
 * editing a template needs no copy step and a copy left behind by an interrupted `npm pack` cannot shadow it.
 * A packed package carries its own copy (`prepack`).
 */
export function templatesRoot(): string {
  const repository = path.resolve(packageRoot, '..', '..', 'templates');
  const inRepository = path.basename(path.dirname(packageRoot)) === 'packages' && existsSync(repository);
  return inRepository ? repository : path.join(packageRoot, 'templates');
}
