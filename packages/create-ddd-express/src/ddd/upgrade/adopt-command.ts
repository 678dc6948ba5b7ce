/**
 * `ddd upgrade --adopt`: finds, for each file of a project made before upgrades existed, its content as generated,
 * only where something proves it: the hash ddd.json recorded for a context's file (matched by the file now or by
 * an earlier commit of it), the commit create-ddd-express made, or the installed templates rendering the same.
 */
import { applyPlanInPlace } from '../../plan/apply-in-place';
import { readBaseStore } from '../../project/base-store';
import { resolveCliDependency } from '../../project/cli-dependency';
import { commitsOf, contentAt, filesAt, initialCommit } from '../../project/git-history';
import { LOCKFILE } from '../../project/lockfile';
import { hashContent, MANIFEST_FILE, type Manifest } from '../../project/manifest';
import { type PackageManager } from '../../project/package-manager';
import { findProjectRoot } from '../../project/project';
import { pathExists, readManifest, readProjectFile } from '../../project/project-files';
import { isRecorded, renderProject } from '../../project/project-render';
import { CliError } from '../../shared/cli-error';
import type { CliIo } from '../../shared/cli-io';
import { cliManifest, packageRoot } from '../../shared/package-info';
import { loadTemplates } from '../../templates/load';
import { buildAdoptPlan, type FoundBase, type Unverified } from './adopt-plan';

type Env = Readonly<Record<string, string | undefined>>;

const LOCKFILES: readonly [string, PackageManager][] = [['pnpm-lock.yaml', 'pnpm'], ['yarn.lock', 'yarn'], [LOCKFILE, 'npm']];

/** The manager whose lockfile the project has; npm when it has none (said, so that a wrong guess shows). */
async function packageManagerOf(root: string): Promise<{ readonly manager: PackageManager; readonly why: string }> {
  for (const [file, manager] of LOCKFILES) if (await pathExists(root, file)) return { manager, why: `the project has ${file}` };
  return { manager: 'npm', why: 'no lockfile, so the default' };
}

async function packageNameOf(root: string): Promise<string> {
  const text = await readProjectFile(root, 'package.json');
  const name: unknown = text === undefined ? undefined : (JSON.parse(text) as { name?: unknown }).name;
  if (typeof name === 'string') return name;
  throw new CliError('package.json has no "name"; the project name is needed to render its templates');
}

/**
 * The commit create-ddd-express made, when it still looks as it made it: a manifest without contexts and no
 * context file (a history rewritten into it would hold the user's work, which must not be taken as generated).
 */
function asGenerated(root: string, manifest: Manifest, commit: string | undefined): string | undefined {
  if (commit === undefined) return undefined;
  const recorded = contentAt(root, commit, MANIFEST_FILE);
  let empty = false;
  try {
    const { contexts } = JSON.parse(recorded ?? 'null') as { contexts?: unknown };
    empty = typeof contexts === 'object' && contexts !== null && Object.keys(contexts).length === 0;
  } catch {
    return undefined; // not the manifest create-ddd-express writes
  }
  const contextFiles = new Set(Object.values(manifest.contexts).flatMap((record) => Object.keys(record.files)));
  return empty && !filesAt(root, commit).some((file) => contextFiles.has(file)) ? commit : undefined;
}

/** The project's files as the commit create-ddd-express made has them, else where the installed templates agree. */
async function projectBases(root: string, manifest: Manifest, name: string, packageManager: PackageManager, env: Env) {
  const bases = new Map<string, FoundBase>();
  const unverified = new Map<string, Unverified>();
  const initial = asGenerated(root, manifest, initialCommit(root));
  if (initial !== undefined) {
    for (const file of filesAt(root, initial).filter((path) => isRecorded(path) && !path.startsWith('.ddd/'))) {
      const content = contentAt(root, initial, file);
      if (content !== undefined) bases.set(file, { content, source: `the commit create-ddd-express made (${initial.slice(0, 7)})` });
    }
    return { bases, unverified };
  }
  const cli = cliManifest();
  const cliDependency = resolveCliDependency({ targetDir: root, packageRoot, version: cli.version, env });
  const rendered = renderProject({ targetDir: root, projectName: name, packageManager, cli, cliDependency }, await loadTemplates('project', env));
  for (const file of rendered.filter((write) => isRecorded(write.path))) {
    const current = await readProjectFile(root, file.path);
    if (current === file.content) bases.set(file.path, { content: current, source: 'the same as the installed templates make it' });
    else if (current !== undefined) unverified.set(file.path, { current, ofContext: false });
  }
  return { bases, unverified };
}

/** A context file's content as generated: the one, now or in an earlier commit, whose hash ddd.json recorded. */
async function contextBases(root: string, manifest: Manifest) {
  const bases = new Map<string, FoundBase>();
  const unverified = new Map<string, Unverified>();
  for (const [file, hash] of Object.values(manifest.contexts).flatMap((record) => Object.entries(record.files))) {
    const current = await readProjectFile(root, file);
    if (current !== undefined && hashContent(current) === hash) {
      bases.set(file, { content: current, source: 'the file as it is, matching the hash ddd.json recorded' });
      continue;
    }
    const commit = commitsOf(root, file).find((candidate) => {
      const content = contentAt(root, candidate, file);
      return content !== undefined && hashContent(content) === hash;
    });
    const content = commit === undefined ? undefined : contentAt(root, commit, file);
    if (commit !== undefined && content !== undefined) bases.set(file, { content, source: 'an earlier commit, matching the hash ddd.json recorded' });
    else unverified.set(file, { current, ofContext: true });
  }
  return { bases, unverified };
}

export async function adoptProject(flags: { readonly force?: boolean; readonly dryRun?: boolean }, io: CliIo): Promise<number> {
  const root = findProjectRoot(io.cwd);
  const { manifest, manifestText } = await readManifest(root);
  if (manifest.project !== undefined) {
    throw new CliError('ddd.json already records the project as generated; nothing to adopt', 'Run ddd upgrade.');
  }
  const name = await packageNameOf(root);
  const { manager: packageManager, why } = await packageManagerOf(root);
  const project = await projectBases(root, manifest, name, packageManager, io.env);
  const contexts = await contextBases(root, manifest);
  const { plan, sources } = buildAdoptPlan({
    root, manifest, manifestText, name, packageManager,
    projectBases: project.bases,
    contextBases: contexts.bases,
    unverified: new Map([...project.unverified, ...contexts.unverified]),
    force: flags.force ?? false,
    store: await readBaseStore(root),
  });
  const found = [...sources].map(([source, count]) => `  ${String(count).padStart(4)}  ${source}`).join('\n');
  if (flags.dryRun) { io.print(`Dry run, nothing written. Would record the files as generated, from:\n${found}`); return 0; }
  await applyPlanInPlace(plan);
  io.print(
    `Recorded the files as generated (template ${manifest.templateVersion}, package manager ${packageManager}: ${why}), ` +
      `from:\n${found}\n\nNext: commit ddd.json and .ddd/, then run ddd upgrade.`,
  );
  return 0;
}
