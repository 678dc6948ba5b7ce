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
 * them: ts-jest and typescript-eslint do not support TypeScript 7 (no JS API), `@types/node` follows the
 * Node.js major that `engines` promises, and OpenTelemetry's next lines (SDK 3.x, the 0.300 experimental packages
 * and the instrumentations built on them, with API 1.10) need Node.js 22. Its 2.x packages stay at the version the
 * 0.223 ones depend on exactly: a newer patch would install a second copy of each beside them.
 */
export const NEWEST_WITHIN: Readonly<Partial<Record<PinnedPackage, string>>> = {
  typescript: '~6.0',
  '@types/node': '^20.19',
  '@opentelemetry/api': '<1.10.0',
  '@opentelemetry/core': '2.12.0',
  '@opentelemetry/exporter-trace-otlp-http': '<0.300.0',
  '@opentelemetry/exporter-trace-otlp-proto': '<0.300.0',
  '@opentelemetry/instrumentation': '<0.300.0',
  '@opentelemetry/instrumentation-express': '<0.72.0',
  '@opentelemetry/instrumentation-http': '<0.300.0',
  '@opentelemetry/instrumentation-ioredis': '<0.72.0',
  '@opentelemetry/instrumentation-mongoose': '<0.70.0',
  '@opentelemetry/instrumentation-pino': '<0.70.0',
  '@opentelemetry/instrumentation-undici': '<0.34.0',
  '@opentelemetry/resources': '2.12.0',
  '@opentelemetry/sdk-trace-node': '2.12.0',
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
