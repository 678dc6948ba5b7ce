/**
 * `.ddd/base/`: the content of every file as the generator wrote it, named by the hex of the sha256 that ddd.json
 * records for it: a new project's in one pack (base-pack.ts), what later commands add as loose objects, one file per
 * distinct content. `ddd upgrade` merges the user's files against it, so it never needs the generator that made them.
 * Names without a known extension keep compilers, linters and test runners away; one loose file per content keeps
 * two branches that each generate a context from colliding in git.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileDelete, FileWrite } from '../plan/plan';
import { CliError } from '../shared/cli-error';
import { isMissingFile } from '../shared/fs-errors';
import { isPackName, packEntries, packName, packText } from './base-pack';
import { hashContent, type Manifest, type ProjectRecord } from './manifest';
import { REGISTRY_FILE } from './registry';

export const BASE_DIR = '.ddd/base';

const HASH_PREFIX = 'sha256:';

/** A pack as read: its text (what deleting it expects) and the hashes of its entries. */
export interface StoredPack {
  readonly path: string;
  readonly text: string;
  readonly hashes: readonly string[];
}

/** What `.ddd/base/` holds: every hash, and the contents a command read (all of them, or those it needs). */
export interface BaseStore {
  /** Loose or packed. */
  readonly stored: ReadonlySet<string>;
  readonly contents: ReadonlyMap<string, string>;
  /** The hashes stored as loose objects. */
  readonly loose: ReadonlySet<string>;
  readonly packs: readonly StoredPack[];
}

/** A store holding exactly `contents` as loose objects, all read (an empty one for projects without a record). */
export function baseStoreOf(contents: Iterable<string> = []): BaseStore {
  const byHash = new Map([...contents].map((content) => [hashContent(content), content]));
  return { stored: new Set(byHash.keys()), contents: byHash, loose: new Set(byHash.keys()), packs: [] };
}

function objectPath(hash: string): string {
  return `${BASE_DIR}/${hash.slice(HASH_PREFIX.length)}`;
}

function storedNames(directory: string): string[] {
  try {
    return readdirSync(directory);
  } catch (error) {
    if (isMissingFile(error)) return [];
    throw error;
  }
}

/**
 * Reads the store: every name, and the content of those `wanted` (all by default), refusing a content that no
 * longer matches its name (a base must not be edited). Every pack is read whole: deleting one needs its text.
 * Synchronously underneath (`ddd upgrade` reads all ~250 contents): through the thread pool each small file would
 * wait for a thread several times.
 */
export function readBaseStore(root: string, wanted: (hash: string) => boolean = () => true): Promise<BaseStore> {
  return new Promise((resolve) => {
    resolve(readBaseStoreNow(root, wanted));
  });
}

const RESTORE = `Restore it (git checkout -- ${BASE_DIR}) and run the command again.`;

/** `content`, read from `what`, if it is what its name (or key) `hash` says. */
function verified(content: string, hash: string, what: string): string {
  if (hashContent(content) === hash) return content;
  throw new CliError(`${what} was edited: it holds a file as the generator wrote it, named by its hash`, RESTORE);
}

function readPack(directory: string, name: string): StoredPack & { readonly entries: ReadonlyMap<string, string> } {
  const file = `${BASE_DIR}/${name}`;
  const text = readFileSync(path.join(directory, name), 'utf8');
  const entries = packEntries(text);
  if (entries === undefined) {
    throw new CliError(`${file} was edited: it holds files as the generator wrote them, as JSON keyed by their hashes`, RESTORE);
  }
  return { path: file, text, hashes: [...entries.keys()], entries };
}

function readBaseStoreNow(root: string, wanted: (hash: string) => boolean): BaseStore {
  const directory = path.join(root, ...BASE_DIR.split('/'));
  const names = storedNames(directory).sort();
  const loose = new Set(names.filter((entry) => /^[0-9a-f]{64}$/.test(entry)).map((name) => `${HASH_PREFIX}${name}`));
  const packs = names.filter(isPackName).map((name) => readPack(directory, name));
  const contents = new Map<string, string>();
  for (const pack of packs) {
    for (const [hash, content] of pack.entries) {
      if (wanted(hash)) contents.set(hash, verified(content, hash, `${pack.path} (its entry ${hash.slice(HASH_PREFIX.length)})`));
    }
  }
  for (const hash of [...loose].filter(wanted)) {
    const content = readFileSync(path.join(root, ...objectPath(hash).split('/')), 'utf8');
    contents.set(hash, verified(content, hash, objectPath(hash)));
  }
  const stored = new Set([...loose, ...packs.flatMap((pack) => pack.hashes)]);
  return { stored, contents, loose, packs: packs.map(({ path: file, text, hashes }) => ({ path: file, text, hashes })) };
}

/**
 * What generating or destroying context `name` reads of the store: the registry's base, which it edits, and the
 * context's recorded files, which it replaces or drops. The rest of the store stays as it is, unread.
 */
export function readForContext(manifest: Manifest, name: string): (hash: string) => boolean {
  const registry = manifest.project?.files[REGISTRY_FILE];
  const context = new Set(Object.values(manifest.contexts[name]?.files ?? {}));
  return (hash) => hash === registry || context.has(hash);
}

/** The content recorded under `hash`; a record naming a file the store lacks is an error the user can fix. */
export function baseContent(store: BaseStore, hash: string, file: string): string {
  const content = store.contents.get(hash);
  if (content !== undefined) return content;
  throw new CliError(
    `${objectPath(hash)}, the generated content of ${file}, is missing`,
    `Restore ${BASE_DIR} from git (git checkout -- ${BASE_DIR}): it is part of the project and is committed with it.`,
  );
}

/**
 * The steps that make the store hold the contents `records` name (path → hash maps): writes of loose objects for
 * what is missing, taken from `fresh` or the store; deletes of the loose objects the command read and nothing names
 * any more, and of the packs none of whose entries anything names (until then a pack keeps its unnamed entries).
 */
export function baseStoreSteps(
  store: BaseStore,
  records: readonly Readonly<Record<string, string>>[],
  fresh: ReadonlyMap<string, string> = new Map(),
): (FileWrite | FileDelete)[] {
  const wanted = new Map<string, string>();
  for (const record of records) {
    for (const [file, hash] of Object.entries(record)) wanted.set(hash, file);
  }
  const writes = [...wanted]
    .filter(([hash]) => !store.stored.has(hash))
    .map(([hash, file]): FileWrite => ({
      kind: 'write', path: objectPath(hash), content: fresh.get(hash) ?? baseContent(store, hash, file),
    }));
  const deletes = [...store.contents]
    .filter(([hash]) => store.loose.has(hash) && !wanted.has(hash))
    .map(([hash, before]): FileDelete => ({ kind: 'delete', path: objectPath(hash), before }));
  const packDeletes = store.packs
    .filter((pack) => !pack.hashes.some((hash) => wanted.has(hash)))
    .map((pack): FileDelete => ({ kind: 'delete', path: pack.path, before: pack.text }));
  // Names are hex: a plain comparison orders them (localeCompare would build a collator per call).
  return [...writes, ...deletes, ...packDeletes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A new project's store: `contents` (hash → content) in one pack, one file written instead of one per content. */
export function basePackSteps(contents: ReadonlyMap<string, string>): FileWrite[] {
  if (contents.size === 0) return [];
  const text = packText(contents);
  return [{ kind: 'write', path: `${BASE_DIR}/${packName(text)}`, content: text }];
}

/** Hash → content of generated files, for baseStoreSteps' `fresh`. */
export function contentsByHash(files: Iterable<{ readonly content: string }>): Map<string, string> {
  return new Map([...files].map((file) => [hashContent(file.content), file.content]));
}

/**
 * The project record and the registry's new base after `edit` (a registration added or removed): the base of the
 * registry is the template's registry with the registrations of the recorded contexts, as the generator made it.
 */
export function withRegistryBase(
  project: ProjectRecord,
  store: BaseStore,
  edit: (registry: string) => string,
): { readonly project: ProjectRecord; readonly fresh: ReadonlyMap<string, string> } {
  const hash = project.files[REGISTRY_FILE];
  if (hash === undefined) return { project, fresh: new Map() };
  const after = edit(baseContent(store, hash, REGISTRY_FILE));
  const files = { ...project.files, [REGISTRY_FILE]: hashContent(after) };
  return { project: { ...project, files }, fresh: new Map([[hashContent(after), after]]) };
}
