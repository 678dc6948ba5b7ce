import { CliError } from '../shared/cli-error';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MANIFEST_FILE } from './manifest';

/** The nearest directory from `cwd` upwards that holds ddd.json: commands work from anywhere in a project. */
export function findProjectRoot(cwd: string): string {
  let directory = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(directory, MANIFEST_FILE))) return directory;
    const parent = path.dirname(directory);
    if (parent === directory) {
      throw new CliError(
        `not inside a create-ddd-express project (no ${MANIFEST_FILE} found from ${cwd} upwards); ` +
          'run this in a project made by create-ddd-express',
      );
    }
    directory = parent;
  }
}
