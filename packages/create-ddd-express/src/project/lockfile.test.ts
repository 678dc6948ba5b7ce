import type { CliManifest } from '../shared/package-info';
import { englishOrder, fitLockfile } from './lockfile';

const cli: CliManifest = {
  version: '2.0.0',
  license: 'MIT',
  dependencies: { commander: '14.0.3' },
  bin: { ddd: 'bin/ddd.js' },
  devDependencies: { jest: '30.5.2' },
};

// A tested tree in miniature, in npm's order as npm writes it: zod is the project's, commander only the CLI's, and ms is shared (express → debug → ms
// at the top, and the CLI's commander → ms nested under commander at another version).
const tested = JSON.stringify({
  name: 'tested',
  version: '0.1.0',
  lockfileVersion: 3,
  requires: true,
  packages: {
    '': { name: 'tested', version: '0.1.0' },
    'node_modules/commander': { version: '14.0.3', dev: true, dependencies: { ms: '^1.0.0' } },
    'node_modules/commander/node_modules/ms': { version: '1.0.0', dev: true },
    'node_modules/create-ddd-express': { version: '1.0.0', resolved: 'file:../old.tgz', integrity: 'sha512-old' },
    'node_modules/debug': { version: '4.4.0', dependencies: { ms: '^2.1.3' }, peerDependencies: { 'supports-color': '*' } },
    'node_modules/express': { version: '5.3.0', dependencies: { debug: '^4' } },
    'node_modules/ms': { version: '2.1.3' },
    'node_modules/zod': { version: '4.6.7' },
  },
});

function project(cliSpec: string): string {
  return JSON.stringify({
    name: 'shop',
    version: '0.1.0',
    license: 'UNLICENSED',
    dependencies: { express: '5.3.0', zod: '4.6.7' },
    devDependencies: { 'create-ddd-express': cliSpec },
  });
}

type Packages = Record<string, Record<string, unknown>>;
const packagesOf = (text: string) => (JSON.parse(text) as { packages: Packages }).packages;

describe('fitLockfile', () => {
  it('takes the root from the project’s package.json', () => {
    const fitted = JSON.parse(fitLockfile(tested, project('2.0.0'), cli, '/work/shop')) as { name: string; packages: Packages };
    expect(fitted.name).toBe('shop');
    expect(fitted.packages['']).toEqual({
      name: 'shop',
      version: '0.1.0',
      license: 'UNLICENSED',
      dependencies: { express: '5.3.0', zod: '4.6.7' },
      devDependencies: { 'create-ddd-express': '2.0.0' },
    });
  });

  it('installs an exact version from the registry, with the CLI’s own package.json and no stale integrity', () => {
    const entry = packagesOf(fitLockfile(tested, project('2.0.0'), cli, '/work/shop'))['node_modules/create-ddd-express'];
    expect(entry).toEqual({
      version: '2.0.0',
      resolved: 'https://registry.npmjs.org/create-ddd-express/-/create-ddd-express-2.0.0.tgz',
      dev: true,
      license: 'MIT',
      dependencies: { commander: '14.0.3' },
      bin: { ddd: 'bin/ddd.js' },
    });
  });

  it('installs a tarball from where the spec points, keeping the CLI’s dependencies', () => {
    const packages = packagesOf(fitLockfile(tested, project('file:/tmp/pack/cli.tgz'), cli, '/tmp/apps/shop'));
    // npm records the path relative to the project, as here.
    expect(packages['node_modules/create-ddd-express']).toMatchObject({ resolved: 'file:../../pack/cli.tgz' });
    const relative = packagesOf(fitLockfile(tested, project('file:../cli.tgz'), cli, '/tmp/apps/shop'));
    expect(relative['node_modules/create-ddd-express']).toMatchObject({ resolved: 'file:../cli.tgz' });
    expect(Object.keys(packages)).toContain('node_modules/commander/node_modules/ms');
  });

  it('links a checkout and drops what only the CLI needed, keeping what the project shares with it', () => {
    const packages = packagesOf(fitLockfile(tested, project('file:../../repo/cli'), cli, '/work/shop'));
    expect(packages['node_modules/create-ddd-express']).toEqual({ resolved: '../../repo/cli', link: true });
    expect(packages['../../repo/cli']).toMatchObject({ version: '2.0.0', devDependencies: { jest: '30.5.2' } });
    expect(Object.keys(packages)).toEqual([
      '',
      '../../repo/cli',
      'node_modules/create-ddd-express',
      'node_modules/debug',
      'node_modules/express',
      'node_modules/ms',
      'node_modules/zod',
    ]);
  });

  it("keeps npm's order, the CLI's entries placed where npm puts them, whatever the path of a link", () => {
    const byLocale = (keys: readonly string[]): string[] => [...keys].sort((a, b) => a.localeCompare(b, 'en'));
    for (const spec of ['2.0.0', 'file:../../repo/cli', 'file:../My Projects/cli', 'file:../zz/cli']) {
      const keys = Object.keys(packagesOf(fitLockfile(tested, project(spec), cli, '/work/shop')));
      expect(keys).toEqual(['', ...byLocale(keys.slice(1))]);
    }
  });

  it('refuses a package.json that does not depend on the CLI', () => {
    expect(() => fitLockfile(tested, JSON.stringify({ name: 'x', version: '1.0.0' }), cli, '/work/x')).toThrow(/no devDependency/);
  });
});

describe('englishOrder', () => {
  const byLocale = (keys: readonly string[]): string[] => [...keys].sort((a, b) => a.localeCompare(b, 'en'));
  /** A deterministic stream of pseudo-random numbers in [0, 1). */
  const random = (() => {
    let seed = 24;
    return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  })();
  const word = (alphabet: string): string =>
    Array.from({ length: Math.floor(random() * 7) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');

  it("orders package paths as localeCompare(b, 'en') does, punctuation and digits included", () => {
    const paths = Array.from({ length: 3_000 }, (_, index) => {
      const name = word(index % 3 === 0 ? '-_.@/' : 'ab-_.@/09z');
      return index % 2 === 0 ? `node_modules/${name}` : name;
    });
    expect(englishOrder(['', ...paths])).toEqual(byLocale(['', ...paths]));
  });

  it('falls back to the collator for strings outside package paths (upper case, other symbols)', () => {
    const keys = ['node_modules/JSONStream', 'node_modules/jsonstream', 'node_modules/a b', 'node_modules/a~b', 'node_modules/a+b', 'node_modules/ab'];
    expect(englishOrder(keys)).toEqual(byLocale(keys));
  });
});
