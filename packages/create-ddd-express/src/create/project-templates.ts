import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { TEMPLATES_ENV, templatesRoot } from '../templates/locate';
import { loadTemplateTree, type TemplateFile } from '../templates/render';

export function projectTemplatesDir(env: Readonly<Record<string, string | undefined>>): string {
  return path.join(templatesRoot(env), 'project');
}

export async function loadProjectTemplates(directory: string): Promise<TemplateFile[]> {
  const templates = await loadTemplateTree(directory).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw error;
  });
  if (templates.length === 0) {
    throw new CliError(
      `No project templates found in ${directory}.`,
      `Reinstall create-ddd-express, or set ${TEMPLATES_ENV} to a folder that holds project/.`,
    );
  }
  return templates;
}
