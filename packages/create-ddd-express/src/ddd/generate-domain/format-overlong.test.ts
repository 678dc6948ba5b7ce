import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Plan } from '../../plan/plan';
import { formatOverlong, type Prettier } from './format-overlong';

/** Stands in for the project's Prettier (whose ESM loading Jest cannot run): one array element per line. */
const fakePrettier: Prettier = {
  format: (source) => Promise.resolve(source.replaceAll(', ', ',\n  ')),
  resolveConfig: () => Promise.resolve({}),
};

const LONG = `export const values = [${Array.from({ length: 20 }, (_, i) => `'value-${i}'`).join(', ')}];\n`;

function planAt(root: string): Plan {
  return {
    root,
    steps: [
      { kind: 'write', path: 'src/short.ts', content: 'export const a = 1;\n' },
      { kind: 'write', path: 'src/long.ts', content: LONG },
      { kind: 'edit', path: 'ddd.json', before: '{}', after: '{}', summary: 'unchanged' },
    ],
  };
}

describe('formatOverlong', () => {
  it('returns the plan itself when every line fits, without loading Prettier', async () => {
    const plan: Plan = { root: '/p', steps: planAt('/p').steps.slice(0, 1) };
    const load = jest.fn(() => fakePrettier);
    expect(await formatOverlong(plan, load)).toEqual({ plan, unformatted: [] });
    expect(load).not.toHaveBeenCalled();
  });

  it("rewrites only the overlong files with the project's Prettier", async () => {
    const { plan, unformatted } = await formatOverlong(planAt('/p'), () => fakePrettier);
    expect(unformatted).toEqual([]);
    expect(plan.steps[0]).toEqual(planAt('/p').steps[0]);
    expect(plan.steps[2]).toEqual(planAt('/p').steps[2]);
    const long = plan.steps[1];
    expect(long?.kind === 'write' && long.content.split('\n').every((line) => line.length <= 120)).toBe(true);
    expect(long?.kind === 'write' && long.content).not.toBe(LONG);
  });

  it('names the files it could not format when the project has no Prettier yet', async () => {
    const bare = mkdtempSync(path.join(tmpdir(), 'no-prettier-'));
    try {
      const { plan, unformatted } = await formatOverlong(planAt(bare));
      expect(unformatted).toEqual(['src/long.ts']);
      expect(plan).toEqual(planAt(bare));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
