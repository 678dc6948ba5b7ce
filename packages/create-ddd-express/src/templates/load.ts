import { CliError } from '../shared/cli-error';
import { isMissingFile } from '../shared/fs-errors';
import { TEMPLATES_ENV, templatesDir, type TemplateKind } from './locate';
import { loadTemplateTree, type TemplateFile } from './render';

/** The templates of a new project or of one bounded context; none found is an error the user can fix. */
export async function loadTemplates(kind: TemplateKind, env: Readonly<Record<string, string | undefined>>): Promise<TemplateFile[]> {
  const directory = templatesDir(kind, env);
  const templates = await loadTemplateTree(directory).catch((error: unknown) => {
    if (isMissingFile(error)) return [];
    throw error;
  });
  if (templates.length > 0) return templates;
  throw new CliError(
    `No ${kind} templates found in ${directory}.`,
    `Reinstall create-ddd-express, or set ${TEMPLATES_ENV} to a folder that holds project/ and domain/.`,
  );
}
