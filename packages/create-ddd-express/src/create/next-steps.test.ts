import path from 'node:path';
import { displayPath, nextSteps } from './next-steps';

const cwd = path.resolve('/home/me');

describe('nextSteps', () => {
  it('lists cd, run dev and test with the chosen manager', () => {
    const steps = nextSteps({ targetDir: path.join(cwd, 'shop'), cwd, packageManager: 'pnpm', installed: true });
    expect(steps).toEqual(['cd shop', 'pnpm run dev', 'pnpm test']);
  });

  it('adds the install step when it was skipped, and no cd for the current directory', () => {
    expect(nextSteps({ targetDir: cwd, cwd, packageManager: 'yarn', installed: false })).toEqual([
      'yarn install',
      'yarn run dev',
      'yarn test',
    ]);
  });
});

describe('displayPath', () => {
  it('is relative below the current directory, absolute elsewhere, quoted when needed', () => {
    expect(displayPath(path.join(cwd, 'apps', 'shop'), cwd)).toBe(path.join('apps', 'shop'));
    expect(displayPath(path.resolve('/srv/shop'), cwd)).toBe(path.resolve('/srv/shop'));
    expect(displayPath(path.join(cwd, 'my shop'), cwd)).toBe('"my shop"');
  });
});
