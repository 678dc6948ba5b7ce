import { detectPackageManager } from './package-manager';

describe('detectPackageManager', () => {
  it.each([
    ['pnpm/9.1.0 npm/? node/v20.19.0 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.19.0 linux x64', 'yarn'],
    ['npm/11.0.0 node/v20.19.0 linux x64 workspaces/false', 'npm'],
  ])('reads the manager from the user agent %s', (userAgent, expected) => {
    expect(detectPackageManager(userAgent)).toBe(expected);
  });

  it('falls back to npm for an unknown or missing user agent', () => {
    expect(detectPackageManager('bun/1.1.0 npm/? node/v20')).toBe('npm');
    expect(detectPackageManager(undefined)).toBe('npm');
    expect(detectPackageManager('')).toBe('npm');
  });
});
