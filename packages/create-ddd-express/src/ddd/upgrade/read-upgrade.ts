/** Everything `ddd upgrade` reads before planning: the record, the base, the new templates, the files on disk. */
import type { FileWrite } from '../../plan/plan';
import { readBaseStore } from '../../project/base-store';
import { resolveCliDependency } from '../../project/cli-dependency';
import { fitLockfile, LOCKFILE } from '../../project/lockfile';
import type { Manifest, ProjectRecord } from '../../project/manifest';
import { isPackageManager } from '../../project/package-manager';
import { readProjectFile } from '../../project/project-files';
import { renderProject } from '../../project/project-render';
import { CliError } from '../../shared/cli-error';
import { cliManifest, packageRoot } from '../../shared/package-info';
import { loadTemplates } from '../../templates/load';
import { formatOverlong } from '../generate-domain/format-overlong';
import { parseGenerateRequest, renderContextFiles } from '../generate-domain/generate-plan';
import { TEMPLATE_MOVES } from './template-moves';
import { pathsToRead, type UpgradeInput } from './upgrade-plan';

type Env = Readonly<Record<string, string | undefined>>;

async function renderContexts(root: string, manifest: Manifest, version: string, env: Env): Promise<Record<string, FileWrite[]>> {
  const templates = await loadTemplates('domain', env);
  const rendered: Record<string, FileWrite[]> = {};
  for (const [name, record] of Object.entries(manifest.contexts)) {
    const request = parseGenerateRequest(name, record.fields, { cache: record.cache, access: record.access });
    const { plan } = await formatOverlong({ root, steps: renderContextFiles(request, templates, version) });
    rendered[name] = plan.steps.filter((step): step is FileWrite => step.kind === 'write');
  }
  return rendered;
}

export async function readUpgradeInput(
  root: string,
  manifest: Manifest,
  manifestText: string,
  project: ProjectRecord,
  env: Env,
): Promise<UpgradeInput> {
  const { packageManager } = project;
  if (!isPackageManager(packageManager)) {
    throw new CliError(`ddd.json: "project.packageManager" is "${packageManager}"; use npm, pnpm or yarn`);
  }
  const cli = cliManifest();
  const templates = await loadTemplates('project', env);
  const cliDependency = resolveCliDependency({ targetDir: root, packageRoot, version: cli.version, env });
  const testedLockfile = templates.find((template) => template.path === LOCKFILE)?.content;
  const planned = {
    root, manifest, project, manifestText,
    store: await readBaseStore(root),
    templateVersion: cli.version,
    projectFiles: renderProject({ targetDir: root, projectName: project.name, packageManager, cli, cliDependency }, templates),
    contextFiles: await renderContexts(root, manifest, cli.version, env),
    fitLockfile: packageManager === 'npm' && testedLockfile !== undefined
      ? (packageJson: string) => fitLockfile(testedLockfile, packageJson, cli, root)
      : undefined,
    moves: TEMPLATE_MOVES,
  };
  const paths = pathsToRead(planned);
  const contents = await Promise.all(paths.map((file) => readProjectFile(root, file)));
  return { ...planned, current: new Map(paths.map((file, index) => [file, contents[index]])) };
}
