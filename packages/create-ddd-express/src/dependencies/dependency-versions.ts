/**
 * The one place that decides which version of each package a generated project gets. Every version is exact:
 * a range would let the registry change a project between two installs of the same template (typescript-eslint
 * 8.74.0 once turned every new project's lint red a day after a landing). `npm run deps:canary` reports what is
 * newer; `npm run deps:bump` moves this map and the lockfile a generated project gets (templates/project).
 */
import versions from './dependency-versions.json';

export type PinnedPackage = keyof typeof versions;

export const DEPENDENCY_VERSIONS: Readonly<Record<PinnedPackage, string>> = versions;

const versionByName: ReadonlyMap<string, string> = new Map(Object.entries(versions));

const EXACT_VERSION = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Lines the canary stays on when it looks for newer versions, because something outside the registry decides
 * them: ts-jest and typescript-eslint do not support TypeScript 7 (no JS API), and `@types/node` follows the
 * Node.js major that `engines` promises.
 */
export const NEWEST_WITHIN: Readonly<Partial<Record<PinnedPackage, string>>> = {
  typescript: '~6.0',
  '@types/node': '^20.19',
};

/** The exact version of `name`; templates call it for every dependency, so an unknown name fails the render. */
export function pinnedVersion(name: string): string {
  const version = versionByName.get(name);
  if (version === undefined) {
    throw new Error(`${name} is not in the version map (packages/create-ddd-express/src/dependencies/dependency-versions.json)`);
  }
  if (!EXACT_VERSION.test(version)) throw new Error(`${name}@${version} in the version map is not an exact version`);
  return version;
}
