/**
 * `ddd.json`: marks the project root and records every generated context so that `ddd destroy domain` can undo
 * it exactly. Deterministic on purpose (no timestamps): example projects are regenerated and diffed.
 *
 *   { "generator": "create-ddd-express", "templateVersion": "0.1.0",
 *     "contexts": { "orders": { "templateVersion": "0.1.0", "fields": "title:string",
 *                               "files": { "src/domains/orders/index.ts": "sha256:…" },
 *                               "registry": { "file": "src/domains/index.ts", "import": "import …;", "entry": "ordersContext," } } } }
 *
 * Keys this module does not know are kept as they are.
 */
import { createHash } from 'node:crypto';
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

export interface Manifest {
  /** The whole parsed file, unknown keys included. */
  readonly document: Readonly<Record<string, unknown>>;
  readonly contexts: Readonly<Record<string, ContextRecord>>;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hashContent(content: string): string {
  return `sha256:${createHash('sha256').update(content, 'utf8').digest('hex')}`;
}


function isStringRecord(value: unknown): value is Record<string, string> {
  return isObject(value) && Object.values(value).every((entry) => typeof entry === 'string');
}

function parseContextRecord(name: string, value: unknown): ContextRecord {
  const invalid = (what: string): CliError =>
    new CliError(`${MANIFEST_FILE}: context "${name}" has ${what}; fix or restore ${MANIFEST_FILE}`);
  if (!isObject(value)) throw invalid('an entry that is not an object');
  const { templateVersion, fields, cache = true, access = 'owner', files, registry } = value;
  if (typeof templateVersion !== 'string' || typeof fields !== 'string') throw invalid('no templateVersion/fields');
  if (typeof cache !== 'boolean') throw invalid('a "cache" that is not true or false');
  if (typeof access !== 'string') throw invalid('an "access" that is not a string');
  if (!isStringRecord(files)) throw invalid('no "files" map of path to hash');
  const unsafe = Object.keys(files).find((file) => !isProjectPath(file));
  if (unsafe !== undefined) throw invalid(`a file path outside the project ("${unsafe}")`);
  if (!isStringRecord(registry) || registry.file === undefined || registry.import === undefined) {
    throw invalid('no "registry" {file, import, entry}');
  }
  if (registry.entry === undefined || !isProjectPath(registry.file)) throw invalid('an invalid "registry"');
  return {
    templateVersion, fields, cache, access, files,
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
  const contexts = document.contexts ?? {};
  if (!isObject(contexts)) throw new CliError(`${MANIFEST_FILE}: "contexts" must be an object`);
  const records = Object.fromEntries(
    Object.entries(contexts).map(([name, value]) => [name, parseContextRecord(name, value)]),
  );
  return { document, contexts: records };
}

function serialize(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** ddd.json's new text with `name` recorded (replacing a previous record in place). */
export function manifestWithContext(manifest: Manifest, name: string, record: ContextRecord): string {
  const contexts = isObject(manifest.document.contexts) ? manifest.document.contexts : {};
  return serialize({ ...manifest.document, contexts: { ...contexts, [name]: record } });
}

/** ddd.json's new text without `name`. */
export function manifestWithoutContext(manifest: Manifest, name: string): string {
  const contexts = isObject(manifest.document.contexts) ? manifest.document.contexts : {};
  const remaining = Object.fromEntries(Object.entries(contexts).filter(([key]) => key !== name));
  return serialize({ ...manifest.document, contexts: remaining });
}
