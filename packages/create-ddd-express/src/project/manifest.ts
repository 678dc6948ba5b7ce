/**
 * `ddd.json`: marks the project root and records what the generator made, so that `ddd destroy domain` can undo a
 * context exactly and `ddd upgrade` can re-render everything from the same inputs. Each recorded file maps to the
 * hash of its content as generated; that content itself is kept in `.ddd/base/` (base-store.ts). Deterministic on
 * purpose (no timestamps): example projects are regenerated and diffed.
 *
 *   { "generator": "create-ddd-express", "templateVersion": "0.1.0",
 *     "project": { "name": "my-api", "packageManager": "npm", "files": { "src/app.ts": "sha256:…" } },
 *     "contexts": { "orders": { "templateVersion": "0.1.0", "fields": "title:string",
 *                               "files": { "src/domains/orders/index.ts": "sha256:…" },
 *                               "registry": { "file": "src/domains/index.ts", "import": "import …;", "entry": "ordersContext," } } } }
 *
 * Keys this module does not know are kept as they are.
 */
import { hash } from 'node:crypto';
import { isProjectPath } from '../plan/plan';
import { CliError } from '../shared/cli-error';
import type { RegistryLines } from './registry';

export const MANIFEST_FILE = 'ddd.json';
export const GENERATOR = 'create-ddd-express';

export interface ContextRecord {
  readonly templateVersion: string;
  readonly fields: string;
  /** `--no-cache` records false; contexts recorded before the option existed were made with the cache. */
  readonly cache: boolean;
  /** `--access`; contexts recorded before the option existed were made with 'owner'. */
  readonly access: string;
  /** Project-relative path → `sha256:<hex>` of the content as generated. */
  readonly files: Readonly<Record<string, string>>;
  readonly registry: RegistryLines & { readonly file: string };
}

/** What `create-ddd-express` was asked for and wrote; absent in projects made before upgrades existed. */
export interface ProjectRecord {
  readonly name: string;
  readonly packageManager: string;
  /** Project-relative path → `sha256:<hex>` of the content as generated (the registry with its registrations). */
  readonly files: Readonly<Record<string, string>>;
  /** npm projects: the hash of the tested lockfile as generated (its content is not kept: it is derived). */
  readonly lockfile?: string;
}

export interface Manifest {
  /** The whole parsed file, unknown keys included. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly templateVersion: string;
  readonly project: ProjectRecord | undefined;
  readonly contexts: Readonly<Record<string, ContextRecord>>;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One call per content (crypto.hash, Node >= 20.12): ~300 of them at create, where a Hash object each costs more. */
export function hashContent(content: string): string {
  return `sha256:${hash('sha256', content, 'hex')}`;
}


function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function parseFiles(value: unknown, invalid: (what: string) => CliError): Record<string, string> {
  if (!isStringRecord(value)) throw invalid('no "files" map of path to hash');
  const unsafe = Object.keys(value).find((file) => !isProjectPath(file));
  if (unsafe !== undefined) throw invalid(`a file path outside the project ("${unsafe}")`);
  return value;
}

function parseProjectRecord(value: unknown): ProjectRecord | undefined {
  if (value === undefined) return undefined;
  const invalid = (what: string): CliError =>
    new CliError(`${MANIFEST_FILE}: "project" has ${what}; fix or restore ${MANIFEST_FILE}`);
  if (!isObject(value)) throw invalid('a value that is not an object');
  const { name, packageManager, files, lockfile } = value;
  if (typeof name !== 'string' || typeof packageManager !== 'string') throw invalid('no name/packageManager');
  if (lockfile !== undefined && typeof lockfile !== 'string') throw invalid('a "lockfile" that is not a hash');
  return { name, packageManager, files: parseFiles(files, invalid), ...(lockfile !== undefined && { lockfile }) };
}

function parseContextRecord(name: string, value: unknown): ContextRecord {
  const invalid = (what: string): CliError =>
    new CliError(`${MANIFEST_FILE}: context "${name}" has ${what}; fix or restore ${MANIFEST_FILE}`);
  if (!isObject(value)) throw invalid('an entry that is not an object');
  const { templateVersion, fields, cache = true, access = 'owner', files, registry } = value;
  if (typeof templateVersion !== 'string' || typeof fields !== 'string') throw invalid('no templateVersion/fields');
  if (typeof cache !== 'boolean') throw invalid('a "cache" that is not true or false');
  if (typeof access !== 'string') throw invalid('an "access" that is not a string');
  const recordedFiles = parseFiles(files, invalid);
  if (!isStringRecord(registry) || registry.file === undefined || registry.import === undefined) {
    throw invalid('no "registry" {file, import, entry}');
  }
  if (registry.entry === undefined || !isProjectPath(registry.file)) throw invalid('an invalid "registry"');
  return {
    templateVersion, fields, cache, access, files: recordedFiles,
    registry: { file: registry.file, import: registry.import, entry: registry.entry },
  };
}

/** Parses ddd.json; throws CliError when it is not a create-ddd-express manifest. */
export function parseManifest(text: string): Manifest {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`${MANIFEST_FILE} is not valid JSON (${reason}); fix or restore it`);
  }
  if (!isObject(document) || document.generator !== GENERATOR) {
    throw new CliError(`${MANIFEST_FILE} does not say "generator": "${GENERATOR}"; fix or restore it`);
  }
  const { templateVersion, contexts = {} } = document;
  if (!isObject(contexts)) throw new CliError(`${MANIFEST_FILE}: "contexts" must be an object`);
  const records = Object.fromEntries(
    Object.entries(contexts).map(([name, value]) => [name, parseContextRecord(name, value)]),
  );
  if (typeof templateVersion !== 'string') throw new CliError(`${MANIFEST_FILE} has no "templateVersion"; fix or restore it`);
  return { document, templateVersion, project: parseProjectRecord(document.project), contexts: records };
}

/** The record of context `name` as the document has it, with any key this module does not know. */
export function contextAsFound(manifest: Manifest, name: string): JsonObject {
  const contexts = manifest.document.contexts;
  const found = isObject(contexts) ? contexts[name] : undefined;
  return isObject(found) ? found : {};
}

/** What a command changes in the manifest; what it leaves out stays as it was. */
export interface ManifestChange {
  readonly templateVersion?: string;
  readonly project?: ProjectRecord;
  /** Context name → record (records as parsed, or as found in the document with their unknown keys). */
  readonly contexts?: Readonly<Record<string, unknown>>;
}

/**
 * ddd.json's new text: 2-space JSON with a final newline, unknown keys kept in their place. The project record
 * goes before the contexts when it is new, so that the file reads from the whole to its parts.
 */
export function manifestText(manifest: Manifest, change: ManifestChange): string {
  const changed: JsonObject = {
    ...(change.templateVersion !== undefined && { templateVersion: change.templateVersion }),
    ...(change.project !== undefined && { project: change.project }),
    ...(change.contexts !== undefined && { contexts: change.contexts }),
  };
  const document: JsonObject = {};
  const entries = Object.entries(manifest.document);
  if (!('contexts' in manifest.document)) entries.push(['contexts', {}]);
  for (const [key, value] of entries) {
    if (key === 'contexts' && !('project' in manifest.document) && 'project' in changed) document.project = changed.project;
    document[key] = key in changed ? changed[key] : value;
  }
  return `${JSON.stringify({ ...document, ...changed }, null, 2)}\n`;
}

/** ddd.json's new text with `name` recorded (replacing a previous record in place) and, if given, the project. */
export function manifestWithContext(manifest: Manifest, name: string, record: ContextRecord, project?: ProjectRecord): string {
  const contexts = isObject(manifest.document.contexts) ? manifest.document.contexts : {};
  return manifestText(manifest, { project, contexts: { ...contexts, [name]: record } });
}

/** ddd.json's new text without `name` and, if given, with the project record. */
export function manifestWithoutContext(manifest: Manifest, name: string, project?: ProjectRecord): string {
  const contexts = isObject(manifest.document.contexts) ? manifest.document.contexts : {};
  const remaining = Object.fromEntries(Object.entries(contexts).filter(([key]) => key !== name));
  return manifestText(manifest, { project, contexts: remaining });
}
