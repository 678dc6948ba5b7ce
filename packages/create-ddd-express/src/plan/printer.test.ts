import type { Plan } from './plan';
import { formatPlan, planToJson } from './printer';

const plan: Plan = {
  root: '/p',
  steps: [
    { kind: 'write', path: 'src/a.ts', content: 'one\ntwo\n' },
    { kind: 'edit', path: 'ddd.json', before: '{}', after: '{"a":1}', summary: 'record a in the manifest' },
    { kind: 'delete', path: 'src/old.ts', before: 'x\n' },
  ],
};

describe('formatPlan', () => {
  it('prints one aligned line per step: what, where and how much', () => {
    expect(formatPlan(plan).split('\n')).toEqual([
      '  create  src/a.ts  (2 lines)',
      '  update  ddd.json  (record a in the manifest)',
      '  remove  src/old.ts  (1 lines)',
    ]);
  });

  it('sums up the steps in .ddd/base/ in one line', () => {
    const base: Plan = {
      root: '/p',
      steps: [
        ...plan.steps,
        { kind: 'write', path: '.ddd/base/aa', content: 'a' },
        { kind: 'write', path: '.ddd/base/bb', content: 'b' },
        { kind: 'delete', path: '.ddd/base/cc', before: 'c' },
      ],
    };
    expect(formatPlan(base).split('\n').slice(3)).toEqual([
      '  update  .ddd/base/  (2 stored, 1 dropped: the files as generated, for ddd upgrade)',
    ]);
  });

  it('counts the contents of a pack, not its one file', () => {
    const pack = JSON.stringify(Object.fromEntries(['a', 'b', 'c'].map((digit) => [digit.repeat(64), digit])));
    const base: Plan = { root: '/p', steps: [{ kind: 'write', path: `.ddd/base/${'f'.repeat(64)}.pack`, content: pack }] };
    expect(formatPlan(base)).toBe(
      '  update  .ddd/base/  (3 stored in one pack file, 0 dropped: the files as generated, for ddd upgrade)',
    );
  });
});

describe('planToJson', () => {
  it('keeps every content, so tools can diff what would change', () => {
    expect(JSON.parse(planToJson(plan))).toEqual(plan);
  });
});
