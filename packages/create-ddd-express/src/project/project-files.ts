import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { isMissingFile } from '../shared/fs-errors';
import type { Manifest } from './manifest';
import { MANIFEST_FILE, parseManifest } from './manifest';

/** Reading the project for the plan builders, which stay pure. */

export async function readProjectFile(root: string, file: string): Promise<string | undefined> {
  try {
    return await readFile(path.join(root, file), 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

export async function pathExists(root: string, file: string): Promise<boolean> {
  return stat(path.join(root, file)).then(() => true, (error: unknown) => {
    if (isMissingFile(error)) return false;
    throw error;
  });
}

export async function readManifest(root: string): Promise<{ manifest: Manifest; manifestText: string }> {
  const manifestText = await readProjectFile(root, MANIFEST_FILE);
  if (manifestText === undefined) throw new CliError(`${MANIFEST_FILE} disappeared from ${root}`);
  return { manifest: parseManifest(manifestText), manifestText };
}
