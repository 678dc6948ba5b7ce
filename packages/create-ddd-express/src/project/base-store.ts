/**
 * `.ddd/base/`: the content of every file as the generator wrote it, one file per distinct content, named by the
 * hex of the sha256 that ddd.json records for it. `ddd upgrade` merges the user's files against it, so it never
 * needs the generator that made them. Names without an extension keep compilers, linters and test runners away;
 * one file per content keeps two branches that each generate a context from colliding in git.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FileDelete, FileWrite } from '../plan/plan';
import { CliError } from '../shared/cli-error';
import { isMissingFile } from '../shared/fs-errors';
import { hashContent, type ProjectRecord } from './manifest';
import { REGISTRY_FILE } from './registry';

export const BASE_DIR = '.ddd/base';

const HASH_PREFIX = 'sha256:';

/** Hash → content of every stored base file. */
export type BaseStore = ReadonlyMap<string, string>;

function objectPath(hash: string): string {
  return `${BASE_DIR}/${hash.slice(HASH_PREFIX.length)}`;
}

/** Reads the store, refusing a file whose content no longer matches its name (a base must not be edited). */
export async function readBaseStore(root: string): Promise<BaseStore> {
  const directory = path.join(root, ...BASE_DIR.split('/'));
  const names = await readdir(directory).catch((error: unknown) => {
    if (isMissingFile(error)) return [];
    throw error;
  });
  const objects = names.filter((entry) => /^[0-9a-f]{64}$/.test(entry)).sort();
  const contents = await Promise.all(objects.map((name) => readFile(path.join(directory, name), 'utf8')));
  const store = new Map<string, string>();
  objects.forEach((name, index) => {
    const content = contents[index] ?? '';
    const hash = `${HASH_PREFIX}${name}`;
    if (hashContent(content) !== hash) {
      throw new CliError(
        `${BASE_DIR}/${name} was edited: it holds a file as the generator wrote it, named by its hash`,
        `Restore it (git checkout -- ${BASE_DIR}) and run the command again.`,
      );
    }
    store.set(hash, content);
  });
  return store;
}

/** The content recorded under `hash`; a record naming a file the store lacks is an error the user can fix. */
export function baseContent(store: BaseStore, hash: string, file: string): string {
  const content = store.get(hash);
  if (content !== undefined) return content;
  throw new CliError(
    `${objectPath(hash)}, the generated content of ${file}, is missing`,
    `Restore ${BASE_DIR} from git (git checkout -- ${BASE_DIR}): it is part of the project and is committed with it.`,
  );
}

/**
 * The steps that make the store hold exactly the contents `records` name (path → hash maps): writes for what is
 * missing, taken from `fresh` or the store, and deletes for what nothing names any more.
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
    .filter(([hash]) => !store.has(hash))
    .map(([hash, file]): FileWrite => ({
      kind: 'write', path: objectPath(hash), content: fresh.get(hash) ?? baseContent(store, hash, file),
    }));
  const deletes = [...store]
    .filter(([hash]) => !wanted.has(hash))
    .map(([hash, before]): FileDelete => ({ kind: 'delete', path: objectPath(hash), before }));
  return [...writes, ...deletes].sort((a, b) => a.path.localeCompare(b.path, 'en'));
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
