import { ValidationError } from './domain-error';
import { Invariants, MAX_TEXT_LENGTH } from './invariants';

function problemsOf(check: Invariants): string[] {
  try {
    check.assert('Invalid thing');
    return [];
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    return error.details.map((detail) => `${detail.path}: ${detail.message}`);
  }
}

describe('Invariants', () => {
  it('passes valid and absent values', () => {
    const check = new Invariants()
      .text('title', 'ok')
      .text('note', undefined)
      .finiteNumber('total', 1.5)
      .integer('qty', 3)
      .validDate('due', new Date())
      .oneOf('status', 'open', ['open', 'done']);
    expect(problemsOf(check)).toEqual([]);
  });

  it('lists every broken rule at once', () => {
    const check = new Invariants()
      .text('title', '   ')
      .text('body', 'x'.repeat(MAX_TEXT_LENGTH + 1))
      .text('name', 'a\u0000b')
      .text('line', 'one\ntwo')
      .finiteNumber('total', Number.NaN)
      .integer('qty', 1.5)
      .validDate('due', new Date('nope'))
      .oneOf('status', 'lost', ['open', 'done']);
    expect(problemsOf(check)).toEqual([
      'title: must not be blank',
      `body: must be at most ${MAX_TEXT_LENGTH} characters`,
      'name: must not contain control characters',
      'line: must not contain control characters',
      'total: must be a finite number',
      'qty: must be an integer',
      'due: must be a valid date',
      'status: must be one of: open, done',
    ]);
  });
});
