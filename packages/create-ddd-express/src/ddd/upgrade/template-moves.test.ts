import { applyMoves } from './template-moves';

const MOVE = { from: 'src/old/a.ts', to: 'src/new/a.ts' };

describe('applyMoves', () => {
  it('merges the user’s old file at the new path and deletes the old one', () => {
    const moved = applyMoves(
      new Map([['src/old/a.ts', 'base\n']]),
      new Map([['src/old/a.ts', 'base\nmine\n']]),
      new Map([['src/new/a.ts', 'new\n']]),
      [MOVE],
    );
    expect([...moved.base]).toEqual([['src/new/a.ts', 'base\n']]);
    expect(moved.theirs.get('src/new/a.ts')).toBe('base\nmine\n');
    expect(moved.theirs.has('src/old/a.ts')).toBe(false);
    expect(moved.reports).toEqual([{ path: 'src/old/a.ts', outcome: 'moved', reason: 'the template moved it to src/new/a.ts' }]);
  });

  it('does nothing where the record has no old path or the templates still have it', () => {
    const base = new Map([['src/old/a.ts', 'base\n']]);
    const current = new Map([['src/old/a.ts', 'base\n']]);
    expect(applyMoves(new Map(), current, new Map([['src/new/a.ts', 'x']]), [MOVE]).reports).toEqual([]);
    const both = new Map([['src/old/a.ts', 'x'], ['src/new/a.ts', 'y']]);
    expect(applyMoves(base, current, both, [MOVE]).base).toEqual(base);
  });

  it('follows moves made one after another', () => {
    const chain = [MOVE, { from: 'src/new/a.ts', to: 'src/newer/a.ts' }];
    const moved = applyMoves(new Map([['src/old/a.ts', 'base\n']]), new Map([['src/old/a.ts', 'mine\n']]), new Map([['src/newer/a.ts', 'x']]), chain);
    expect(moved.theirs.get('src/newer/a.ts')).toBe('mine\n');
    expect([...moved.movedTo]).toEqual([['src/newer/a.ts', 'src/old/a.ts']]);
  });

  it('leaves the move out when the user already has a file at the new path', () => {
    const current = new Map([['src/old/a.ts', 'base\nmine\n'], ['src/new/a.ts', 'their own\n']]);
    const moved = applyMoves(new Map([['src/old/a.ts', 'base\n']]), current, new Map([['src/new/a.ts', 'new\n']]), [MOVE]);
    expect(moved.reports).toEqual([]);
    expect(moved.base.has('src/old/a.ts')).toBe(true);
  });
});
