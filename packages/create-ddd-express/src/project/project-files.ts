import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { isMissingFile } from '../shared/fs-errors';
import type { Manifest } from './manifest';
import { MANIFEST_FILE, parseManifest } from './manifest';

/**
 * Reading the project for the plan builders, which stay pure. Synchronous underneath, a promise for the callers:
 * a command reads a few dozen small files, and through the thread pool each would wait for a thread (twice or
 * more), which costs more than the read on a busy machine.
 */

export function readProjectFile(root: string, file: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    resolve(readIfPresent(path.join(root, file)));
  });
}

function readIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

export function pathExists(root: string, file: string): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      statSync(path.join(root, file));
      resolve(true);
    } catch (error) {
      if (!isMissingFile(error)) throw error;
      resolve(false);
    }
  });
}

export async function readManifest(root: string): Promise<{ manifest: Manifest; manifestText: string }> {
  const manifestText = await readProjectFile(root, MANIFEST_FILE);
  if (manifestText === undefined) throw new CliError(`${MANIFEST_FILE} disappeared from ${root}`);
  return { manifest: parseManifest(manifestText), manifestText };
}
