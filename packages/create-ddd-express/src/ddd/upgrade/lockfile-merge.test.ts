import { mergeLockfile } from './lockfile-merge';

const lock = (packages: Record<string, unknown>): string =>
  `${JSON.stringify({ name: 'p', lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;

const TESTED = lock({ '': { name: 'p' }, 'node_modules/express': { version: '5.2.0' }, 'node_modules/zod': { version: '4.2.0' } });

describe('mergeLockfile', () => {
  it('writes the tested lockfile where there was none', () => {
    expect(mergeLockfile(undefined, TESTED)).toEqual({ content: TESTED, carried: 0 });
  });

  it('carries the entries of the user’s own dependencies over, in npm’s order', () => {
    const own = lock({ '': { name: 'p' }, 'node_modules/express': { version: '5.1.0' }, 'node_modules/dayjs': { version: '1.11.13' } });
    const merged = mergeLockfile(own, TESTED);
    expect(merged.carried).toBe(1);
    expect(Object.entries((JSON.parse(merged.content) as { packages: Record<string, unknown> }).packages)).toEqual([
      ['', { name: 'p' }],
      ['node_modules/dayjs', { version: '1.11.13' }],
      ['node_modules/express', { version: '5.2.0' }],
      ['node_modules/zod', { version: '4.2.0' }],
    ]);
  });

  it('leaves alone a lockfile that already locks the tested set (npm install rewrote it)', () => {
    const installed = lock({
      '': { name: 'p', dependencies: { dayjs: '1.11.13' } },
      'node_modules/dayjs': { version: '1.11.13' },
      'node_modules/express': { version: '5.2.0', integrity: 'sha512-x' },
      'node_modules/zod': { version: '4.2.0' },
    });
    expect(mergeLockfile(installed, TESTED)).toEqual({ content: installed, carried: 0 });
  });
});
