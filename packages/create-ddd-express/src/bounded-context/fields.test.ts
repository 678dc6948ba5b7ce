import { CliError } from '../shared/cli-error';
import { formatFieldsSpec, parseFieldsSpec } from './fields';

const EXPECTED =
  'expected name:type[?][:unique|:index] with type one of string, number, integer, boolean, date, enum(a|b)';

function errorOf(spec: string): string {
  try {
    parseFieldsSpec(spec);
  } catch (error) {
    if (error instanceof CliError) return error.message;
    throw error;
  }
  throw new Error(`"${spec}" was accepted`);
}

describe('parseFieldsSpec', () => {
  it('parses the full example from the issue', () => {
    const spec =
      'title:string total:number qty:integer paid:boolean due:date status:enum(pending|paid|shipped) note:string? sku:string:unique';
    expect(parseFieldsSpec(spec)).toEqual([
      { name: 'title', type: 'string', optional: false, unique: false, index: false, enumValues: [] },
      { name: 'total', type: 'number', optional: false, unique: false, index: false, enumValues: [] },
      { name: 'qty', type: 'integer', optional: false, unique: false, index: false, enumValues: [] },
      { name: 'paid', type: 'boolean', optional: false, unique: false, index: false, enumValues: [] },
      { name: 'due', type: 'date', optional: false, unique: false, index: false, enumValues: [] },
      { name: 'status', type: 'enum', optional: false, unique: false, index: false, enumValues: ['pending', 'paid', 'shipped'] },
      { name: 'note', type: 'string', optional: true, unique: false, index: false, enumValues: [] },
      { name: 'sku', type: 'string', optional: false, unique: true, index: false, enumValues: [] },
    ]);
  });

  it('accepts optional enums, both modifiers in any order, camelCase names and extra whitespace', () => {
    expect(parseFieldsSpec('  dueDate:date?:index:unique \t state:enum(a_b|c2)?  ')).toEqual([
      { name: 'dueDate', type: 'date', optional: true, unique: true, index: true, enumValues: [] },
      { name: 'state', type: 'enum', optional: true, unique: false, index: false, enumValues: ['a_b', 'c2'] },
    ]);
  });

  it('rejects a single-value enum (it would be a constant)', () => {
    expect(errorOf('kind:enum(only)')).toMatch(/an enum needs at least two values .* at position 11/);
  });

  it('rejects :unique on booleans and enums, which hold only a few values', () => {
    expect(errorOf('paid:boolean:unique')).toMatch(/:unique needs a string, number, integer or date field, not boolean at position 14/);
    expect(errorOf('kind:enum(a|b):unique')).toMatch(/not enum/);
  });

  it('reports an unknown type with its position, token and the expected form', () => {
    expect(errorOf('title:strng')).toBe(`--fields: unknown type "strng" at position 7 (in "title:strng"); ${EXPECTED}`);
  });

  it.each([
    ['title', 'missing type at position 6 (in "title")'],
    ['title:', 'missing type at position 7 (in "title:")'],
    ['a:string title:?', 'missing type at position 16 (in "title:?")'],
    [':string', 'missing field name at position 1 (in ":string")'],
    ['Title:string', 'invalid field name "Title" (use lowerCamelCase letters and digits) at position 1'],
    ['due_date:date', 'invalid field name "due_date"'],
    ['title?:string', 'invalid field name "title?"'],
    ['x:string id:string', 'field name "id" is reserved (every record has id, ownerId, createdAt, updatedAt) at position 10'],
    ['ownerId:string', 'field name "ownerId" is reserved'],
    ['createdAt:date', 'field name "createdAt" is reserved'],
    ['updatedAt:date', 'field name "updatedAt" is reserved'],
    ['class:string', 'field name "class" is a JavaScript reserved word at position 1'],
    ['a:string b:number a:date', 'duplicate field name "a" at position 19 (in "a:date")'],
    ['title:String', 'unknown type "String" at position 7'],
    ['s:enum', 'an enum lists its values in parentheses: enum(a|b|c) at position 3'],
    ['s:enum(a|b', 'an enum lists its values in parentheses'],
    ['s:enum()', 'an enum needs at least two values at position 8 (in "s:enum()")'],
    ['s:enum(a||b)', 'empty enum value at position 10'],
    ['s:enum(a|B)', 'invalid enum value "B" (use lowercase letters, digits and _) at position 10'],
    ['s:enum(a|b|a)', 'duplicate enum value "a" at position 12'],
    ['sku:string:uniq', 'unknown modifier "uniq" at position 12 (in "sku:string:uniq")'],
    ['sku:string:unique:unique', 'duplicate modifier "unique" at position 19'],
    ['sku:string:', 'missing modifier after ":" at position 12'],
    ['sku:string:unique?', '"?" goes right after the type (e.g. note:string?) at position 12'],
  ])('rejects %j: %s', (spec, problem) => {
    const message = errorOf(spec);
    expect(message).toContain(problem);
    expect(message.startsWith('--fields: ')).toBe(true);
    expect(message.endsWith(EXPECTED)).toBe(true);
  });

  it('rejects an empty spec', () => {
    expect(errorOf('   ')).toContain('no fields given at position 1');
  });
});

describe('formatFieldsSpec', () => {
  it('writes the canonical spelling, which parses back to the same fields', () => {
    const fields = parseFieldsSpec('  b:date?:unique:index   s:enum(x|y)  ');
    expect(formatFieldsSpec(fields)).toBe('b:date?:unique:index s:enum(x|y)');
    expect(parseFieldsSpec(formatFieldsSpec(fields))).toEqual(fields);
  });
});
