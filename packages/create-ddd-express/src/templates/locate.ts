import { existsSync } from 'node:fs';
import path from 'node:path';

/** The package's own directory (`dist/templates/locate.js` → two levels up). */
export const packageRoot = path.resolve(__dirname, '..', '..');

/**
 * Templates ship inside the package when packed (`prepack` copies them); in this repository they are read from
 * the top-level `templates/` so that editing a template needs no copy step.
 */
export function templatesRoot(): string {
  const packed = path.join(packageRoot, 'templates');
  if (existsSync(packed)) return packed;
  return path.resolve(packageRoot, '..', '..', 'templates');
}
