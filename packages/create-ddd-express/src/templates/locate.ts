import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../shared/package-info';


/** Points both commands at another templates root (the folder holding `project/` and `domain/`): fixtures, tests. */
export const TEMPLATES_ENV = 'CREATE_DDD_EXPRESS_TEMPLATES';

/**
 * In this repository (`packages/create-ddd-express`) templates are read from the top-level `templates/`, so that
 * editing a template needs no copy step and a copy left behind by an interrupted `npm pack` cannot shadow it.
 * A packed package carries its own copy (`prepack`).
 */
export function templatesRoot(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const override = env[TEMPLATES_ENV]?.trim();
  if (override) return path.resolve(override);
  const repository = path.resolve(packageRoot, '..', '..', 'templates');
  const inRepository = path.basename(path.dirname(packageRoot)) === 'packages' && existsSync(repository);
  return inRepository ? repository : path.join(packageRoot, 'templates');
}

export type TemplateKind = 'project' | 'domain';

/** `project/` renders a new project, `domain/` one bounded context. */
export function templatesDir(kind: TemplateKind, env: Readonly<Record<string, string | undefined>>): string {
  return path.join(templatesRoot(env), kind);
}
