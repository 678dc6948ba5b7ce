import path from 'node:path';
import type { PackageManager } from '../project/package-manager';

/** The path to show in `cd …`: relative when below the current directory, quoted when the shell needs it. */
export function displayPath(targetDir: string, cwd: string): string {
  const relative = path.relative(cwd, targetDir);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : targetDir;
  return /^[\w./\\:@+-]+$/.test(shown) ? shown : `"${shown}"`;
}

export function nextSteps(input: {
  readonly targetDir: string;
  readonly cwd: string;
  readonly packageManager: PackageManager;
  readonly installed: boolean;
}): string[] {
  const manager = input.packageManager;
  return [
    ...(input.targetDir === input.cwd ? [] : [`cd ${displayPath(input.targetDir, input.cwd)}`]),
    ...(input.installed ? [] : [`${manager} install`]),
    `${manager} run dev`,
    `${manager} test`,
  ];
}
