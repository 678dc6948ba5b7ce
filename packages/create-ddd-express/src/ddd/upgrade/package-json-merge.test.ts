import { mergePackageJson } from './package-json-merge';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const BASE = {
  name: 'my-api',
  scripts: { test: 'jest', build: 'tsc' },
  dependencies: { express: '5.1.0', zod: '4.1.0' },
  devDependencies: { jest: '30.0.0' },
};

describe('mergePackageJson', () => {
  const theirs = {
    ...BASE,
    scripts: { test: 'jest --runInBand', build: 'tsc', seed: 'node seed.js' },
    dependencies: { express: '5.1.0', zod: '4.0.0', dayjs: '1.11.13' },
  };
  const ours = {
    ...BASE,
    scripts: { test: 'jest --ci', build: 'tsc -p tsconfig.build.json' },
    dependencies: { express: '5.2.0', zod: '4.2.0', helmet: '8.1.0' },
    devDependencies: {},
  };
  const { content, notes } = mergePackageJson(json(BASE), json(theirs), json(ours));
  const merged = JSON.parse(content) as Record<string, unknown>;

  it('moves dependency versions to the new map, adds and removes the template’s, keeps the user’s own', () => {
    expect(merged.dependencies).toEqual({ express: '5.2.0', zod: '4.2.0', dayjs: '1.11.13', helmet: '8.1.0' });
    expect(merged.devDependencies).toEqual({});
  });

  it('keeps the user’s scripts, takes the template’s where the user did not touch them', () => {
    expect(merged.scripts).toEqual({ test: 'jest --runInBand', build: 'tsc -p tsconfig.build.json', seed: 'node seed.js' });
  });

  it('says where both changed a value, and which side it took', () => {
    expect(notes).toEqual([
      'scripts.test: kept your "jest --runInBand"; the template now has "jest --ci"',
      'dependencies.zod: "4.2.0" from the version map replaces your "4.0.0"',
    ]);
  });

  it('keeps a dependency the user removed removed', () => {
    const removed = { ...BASE, dependencies: { express: '5.1.0' } };
    const again = JSON.parse(mergePackageJson(json(BASE), json(removed), json(ours)).content);
    expect(again.dependencies).toEqual({ express: '5.2.0', helmet: '8.1.0' });
  });

  it('writes 2-space JSON with a final newline, keys in the user’s order', () => {
    expect(content.endsWith('}\n')).toBe(true);
    expect(Object.keys(merged)).toEqual(['name', 'scripts', 'dependencies', 'devDependencies']);
  });
});
