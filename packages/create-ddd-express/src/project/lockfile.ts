import path from 'node:path';
import { CliError } from '../shared/cli-error';
import type { CliManifest } from '../shared/package-info';

/**
 * The npm lockfile a new project gets: the tree CI installed and tested (`templates/project/package-lock.json`,
 * written by `npm run deps:lock`), fitted to the project's own package.json and to the way it depends on
 * create-ddd-express (a registry version, a packed tarball, or a link to a checkout). Pure: text in, text out.
 */
export const LOCKFILE = 'package-lock.json';

const CLI_NAME = 'create-ddd-express';
const CLI_KEY = `node_modules/${CLI_NAME}`;
const REGISTRY = 'https://registry.npmjs.org';

type Dependencies = Readonly<Record<string, string>>;

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly link?: boolean;
  readonly dependencies?: Dependencies;
  readonly optionalDependencies?: Dependencies;
  readonly peerDependencies?: Dependencies;
  readonly [field: string]: unknown;
}

interface Lockfile {
  readonly name: string;
  readonly version: string;
  readonly lockfileVersion: number;
  readonly requires: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}


interface ProjectManifest {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly dependencies?: Dependencies;
  readonly devDependencies?: Dependencies;
  readonly engines?: Readonly<Record<string, string>>;
}

/**
 * `template`: the tested lockfile, its packages in npm's order as npm wrote them (a test checks the shipped one;
 * sorting ~700 entries again would cost a process that runs once several milliseconds of code the JIT has not
 * compiled yet); `packageJson`: the project's rendered package.json, whose
 * `devDependencies["create-ddd-express"]` says how the CLI is installed; `cli`: the CLI's own package.json;
 * `projectDir`: where the project is written (npm records a tarball's path relative to it).
 */
export function fitLockfile(template: string, packageJson: string, cli: CliManifest, projectDir: string): string {
  const tested = JSON.parse(template) as Lockfile;
  const project = JSON.parse(packageJson) as ProjectManifest;
  const cliSpec = project.devDependencies?.[CLI_NAME];
  if (cliSpec === undefined) {
    throw new CliError(
      `package.json has no devDependency on ${CLI_NAME}, which the lockfile must name`,
      `Add it back (npm install --save-dev --save-exact ${CLI_NAME}) and run the command again.`,
    );
  }

  // A Map and lists of entries, not object rest and spread: those copy the ~700 entries one slow step at a time.
  const others = new Map(Object.entries(tested.packages));
  others.delete('');
  others.delete(CLI_KEY);
  const linkTarget = linkedDirectory(cliSpec);
  const cliEntries: [string, LockEntry][] =
    linkTarget === undefined
      ? [[CLI_KEY, installedCli(cliSpec, cli, projectDir)]]
      : [[CLI_KEY, { resolved: linkTarget, link: true }], [linkTarget, linkedCli(cli)]];
  const root: LockEntry = {
    name: project.name,
    version: project.version,
    license: project.license,
    dependencies: project.dependencies,
    devDependencies: project.devDependencies,
    engines: project.engines,
  };
  const packages: [string, LockEntry][] = [
    ['', root],
    // A linked CLI brings its dependencies from the checkout it links to; the project installs none of them.
    ...(linkTarget === undefined ? others : reachableFromProject(others, project)),
  ];
  const sorted = Object.fromEntries(withEntries(packages, cliEntries));
  const fitted: Lockfile = { ...tested, name: project.name, version: project.version, packages: sorted };
  return `${JSON.stringify(fitted, null, 2)}\n`;
}

/** `file:../some/dir` → `../some/dir`; a tarball or a registry version is installed, not linked. */
function linkedDirectory(spec: string): string | undefined {
  if (!spec.startsWith('file:') || /\.(tgz|tar\.gz|tar)$/.test(spec)) return undefined;
  return spec.slice('file:'.length);
}

function installedCli(spec: string, cli: CliManifest, projectDir: string): LockEntry {
  // A version is fetched from the registry; npm checks no integrity it was not given and records it itself.
  const resolved = spec.startsWith('file:')
    ? `file:${relativeTo(projectDir, spec.slice('file:'.length))}`
    : `${REGISTRY}/${CLI_NAME}/-/${CLI_NAME}-${cli.version}.tgz`;
  return {
    version: cli.version,
    resolved,
    dev: true,
    license: cli.license,
    dependencies: cli.dependencies,
    bin: cli.bin,
    engines: cli.engines,
  };
}

function relativeTo(projectDir: string, file: string): string {
  return path.isAbsolute(file) ? path.relative(projectDir, file).split(path.sep).join('/') : file;
}

function linkedCli(cli: CliManifest): LockEntry {
  return {
    version: cli.version,
    dev: true,
    license: cli.license,
    dependencies: cli.dependencies,
    bin: cli.bin,
    devDependencies: cli.devDependencies,
    engines: cli.engines,
  };
}

/** The entries Node would resolve starting from the project's own dependencies, create-ddd-express left out. */
function reachableFromProject(
  packages: ReadonlyMap<string, LockEntry>,
  project: ProjectManifest,
): [string, LockEntry][] {
  const roots = Object.keys({ ...project.dependencies, ...project.devDependencies }).filter((name) => name !== CLI_NAME);
  const pending = roots.map((name) => `node_modules/${name}`);
  const reached = new Map<string, LockEntry>();
  for (let key = pending.pop(); key !== undefined; key = pending.pop()) {
    const entry = packages.get(key);
    if (entry === undefined || reached.has(key)) continue;
    reached.set(key, entry);
    // Each kind of dependency on its own rather than spread into one object per entry (~700 of them): a name in
    // two kinds resolves to the same entry, which `reached` then skips.
    for (const wanted of [entry.dependencies, entry.optionalDependencies, entry.peerDependencies]) {
      for (const name in wanted) {
        const found = resolveFrom(packages, key, name);
        if (found !== undefined) pending.push(found);
      }
    }
  }
  // In the tested lockfile's order, which is npm's.
  return [...packages].filter(([key]) => reached.has(key));
}

/** Node's lookup: `<from>/node_modules/<name>`, then the same in each enclosing node_modules folder. */
function resolveFrom(packages: ReadonlyMap<string, LockEntry>, from: string, name: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (packages.has(candidate)) return candidate;
    if (base === '') return undefined;
    base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')));
  }
}

/**
 * The characters of npm's package paths (`node_modules/@scope/name-1.x`), in the order the `en` collation (CLDR
 * root, punctuation not ignored) gives them: one level is enough for strings made only of these, since no two of
 * them compare equal at the first level (upper case, which would, is left out).
 */
const PATH_CHARACTERS = '_-.@/0123456789abcdefghijklmnopqrstuvwxyz';
const PATH_STRING = /^[_\-.@/0-9a-z]*$/;
const RANK = new Uint8Array(128);
for (let index = 0; index < PATH_CHARACTERS.length; index++) RANK[PATH_CHARACTERS.charCodeAt(index)] = index + 1;

/** `a.localeCompare(b, 'en')` for two strings that match PATH_STRING, without setting up a collator. */
function comparePaths(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const difference = (RANK[a.charCodeAt(index)] ?? 0) - (RANK[b.charCodeAt(index)] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/**
 * The order of `a.localeCompare(b, 'en')` over `keys`. Package paths take the table above: a collator costs ~5 ms to
 * set up (localeCompare with a locale, one per call) for ~700 paths sorted in well under one; any other string
 * brings the collator in.
 */
export function englishOrder(keys: readonly string[]): string[] {
  return sortedEntries(keys.map((key): [string, string] => [key, key])).map(([key]) => key);
}

/** `entries`, sorted in place (stably) by key in the order of localeCompare 'en'. */
function sortedEntries<T extends readonly [string, unknown]>(entries: T[]): T[] {
  const compare = entries.every(([key]) => PATH_STRING.test(key)) ? comparePaths : new Intl.Collator('en').compare;
  return entries.sort((a, b) => compare(a[0], b[0]));
}

/** localeCompare 'en' for any two keys, the collator set up only for a key outside package paths. */
function compareKeys(a: string, b: string): number {
  return PATH_STRING.test(a) && PATH_STRING.test(b) ? comparePaths(a, b) : a.localeCompare(b, 'en');
}

/** `ordered` (in npm's order) with `added` inserted, each where the order puts it (a binary search). */
function withEntries<T extends readonly [string, unknown]>(ordered: T[], added: readonly T[]): T[] {
  for (const entry of added) {
    let low = 0;
    let high = ordered.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const key = ordered[middle]?.[0] ?? '';
      if (compareKeys(key, entry[0]) <= 0) low = middle + 1;
      else high = middle;
    }
    ordered.splice(low, 0, entry);
  }
  return ordered;
}

/** Entries ordered by path, as npm orders them. */
export function sortedByPath<T>(packages: Readonly<Record<string, T>>): Record<string, T> {
  // npm's own order (localeCompare 'en'), so that its next install leaves the file as it is.
  return Object.fromEntries(sortedEntries(Object.entries(packages)));
}
