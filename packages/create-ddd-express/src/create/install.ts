import { spawn } from 'node:child_process';
import type { PackageManager } from '../project/package-manager';

export type InstallOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Runs `<manager> install` in `projectDir` with the terminal attached, so progress and errors are the manager's
 * own; `npm ci` when the project came with its lockfile, so that it gets exactly the tree CI tested, or fails
 * saying why. A missing executable is an outcome, not a crash: the project is already in place either way.
 */
export function installDependencies(
  manager: PackageManager,
  projectDir: string,
  hasLockfile: boolean,
): Promise<InstallOutcome> {
  const command = manager === 'npm' && hasLockfile ? 'ci' : 'install';
  return new Promise((resolve) => {
    // Windows ships managers as .cmd shims, which only a shell can start.
    const child = spawn(manager, [command], { cwd: projectDir, stdio: 'inherit', shell: process.platform === 'win32' });
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ ok: false, reason: error.code === 'ENOENT' ? `${manager} is not installed` : error.message });
    });
    child.once('close', (code, signal) => {
      if (code === 0) resolve({ ok: true });
      else resolve({ ok: false, reason: signal ? `stopped by ${signal}` : `exit code ${code}` });
    });
  });
}
