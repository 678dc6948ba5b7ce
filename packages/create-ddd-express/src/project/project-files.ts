import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadTemplateTree } from '../templates/render';
import type { TemplateFile } from '../templates/render';
import { DomainCommandError } from '../ddd/errors';
import type { Manifest } from './manifest';
import { MANIFEST_FILE, parseManifest } from './manifest';

/** Reading the project for the plan builders, which stay pure. */

/** Not `instanceof Error`: Node's errors can come from another realm (Jest's VM contexts). */
function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error &&
    (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

export async function readProjectFile(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, file), 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function pathExists(root: string, file: string): Promise<boolean> {
  return stat(path.join(root, file)).then(() => true, (error: unknown) => {
    if (isMissing(error)) return false;
    throw error;
  });
}

export async function readManifest(root: string): Promise<{ manifest: Manifest; manifestText: string }> {
  const manifestText = await readProjectFile(root, MANIFEST_FILE);
  if (manifestText === undefined) throw new DomainCommandError(`${MANIFEST_FILE} disappeared from ${root}`);
  return { manifest: parseManifest(manifestText), manifestText };
}

export async function loadDomainTemplates(directory: string): Promise<TemplateFile[]> {
  const templates = await loadTemplateTree(directory).catch((error: unknown) => {
    if (isMissing(error)) return [];
    throw error;
  });
  if (templates.length > 0) return templates;
  throw new DomainCommandError(`no domain templates in ${directory}; reinstall create-ddd-express`);
}
