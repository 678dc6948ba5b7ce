export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export function isPackageManager(value: string): value is PackageManager {
  return (PACKAGE_MANAGERS as readonly string[]).includes(value);
}

/**
 * The manager that launched us (`npx`, `pnpm create`, `yarn create` all set `npm_config_user_agent`, which starts
 * with e.g. `pnpm/9.1.0 npm/? node/v20…`), so the new project uses the tool the user already reached for.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split('/', 1)[0]?.trim() ?? '';
  return isPackageManager(name) ? name : 'npm';
}
