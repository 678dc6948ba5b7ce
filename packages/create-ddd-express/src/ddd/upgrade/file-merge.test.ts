import { mergeFile, mergeText } from './file-merge';

const BASE = 'one\ntwo\nthree\nfour\nfive\n';
const YOURS = 'one\nTWO (yours)\nthree\nfour\nfive\n';
const TEMPLATE = 'one\ntwo\nthree\nfour\nFIVE (template)\n';

describe('mergeFile', () => {
  it('replaces a file the user did not change', () => {
    expect(mergeFile(BASE, BASE, TEMPLATE)).toEqual({ kind: 'replaced', content: TEMPLATE });
  });

  it('leaves alone a file the template did not change, or that already is the new version', () => {
    expect(mergeFile(BASE, YOURS, BASE)).toEqual({ kind: 'unchanged' });
    expect(mergeFile(BASE, TEMPLATE, TEMPLATE)).toEqual({ kind: 'unchanged' });
  });

  it('merges changes to different lines', () => {
    expect(mergeFile(BASE, YOURS, TEMPLATE)).toEqual({ kind: 'merged', content: 'one\nTWO (yours)\nthree\nfour\nFIVE (template)\n' });
  });

  it('writes git-style conflict markers where both changed the same lines', () => {
    const outcome = mergeFile(BASE, 'one\ntwo\nthree\nfour\nfive (yours)\n', TEMPLATE);
    expect(outcome).toEqual({
      kind: 'conflict',
      reason: 'you and the template changed the same lines',
      content: 'one\ntwo\nthree\nfour\n<<<<<<< yours\nfive (yours)\n=======\nFIVE (template)\n>>>>>>> template\n',
    });
  });

  it('keeps a file the user deleted deleted', () => {
    expect(mergeFile(BASE, undefined, TEMPLATE)).toEqual({ kind: 'kept', reason: 'you deleted it; it stays deleted' });
  });

  it('adds a file new in the template, and marks a conflict where the user made one at that path', () => {
    expect(mergeFile(undefined, undefined, TEMPLATE)).toEqual({ kind: 'added', content: TEMPLATE });
    expect(mergeFile(undefined, TEMPLATE, TEMPLATE)).toEqual({ kind: 'unchanged' });
    expect(mergeFile(undefined, YOURS, TEMPLATE)).toMatchObject({ kind: 'conflict', reason: 'the template adds a file where you made one' });
  });

  it('removes a file gone from the template unless the user changed it', () => {
    expect(mergeFile(BASE, BASE, undefined)).toEqual({ kind: 'removed' });
    expect(mergeFile(BASE, YOURS, undefined)).toEqual({ kind: 'kept', reason: 'the template no longer has it; you changed it, so it stays' });
    expect(mergeFile(BASE, undefined, undefined)).toEqual({ kind: 'unchanged' });
  });
});

describe('mergeText', () => {
  it('keeps the absence of a final newline', () => {
    expect(mergeText('a\nb\nc', 'A\nb\nc', 'a\nb\nC')).toEqual({ content: 'A\nb\nC', conflict: false });
  });

  it('counts changes to adjacent lines as a conflict, as git does', () => {
    expect(mergeText('a\nb\n', 'A\nb\n', 'a\nB\n').conflict).toBe(true);
  });
});
