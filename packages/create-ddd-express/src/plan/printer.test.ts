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
});

describe('planToJson', () => {
  it('keeps every content, so tools can diff what would change', () => {
    expect(JSON.parse(planToJson(plan))).toEqual(plan);
  });
});
