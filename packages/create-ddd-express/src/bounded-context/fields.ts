import { CliError } from '../shared/cli-error';
import { RESERVED_WORDS } from './reserved-words';

/** The field types `--fields` accepts. */
export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date', 'enum'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const FIELD_MODIFIERS = ['unique', 'index'] as const;
export type FieldModifier = (typeof FIELD_MODIFIERS)[number];

/** One parsed field of `--fields`, before any code-generation hint is added. */
export interface FieldSpec {
  readonly name: string;
  readonly type: FieldType;
  readonly optional: boolean;
  readonly unique: boolean;
  readonly index: boolean;
  /** The allowed values, in the order given; empty unless `type` is `enum`. */
  readonly enumValues: readonly string[];
}

/** Used when `--fields` is not given: every context gets at least one field to show the pattern. */
export const DEFAULT_FIELDS_SPEC = 'name:string';

/** Names every generated record already has: a field may not redefine them. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(['id', 'ownerId', 'createdAt', 'updatedAt']);

const EXPECTED =
  'expected name:type[?][:unique|:index] with type one of string, number, integer, boolean, date, enum(a|b)';
const FIELD_NAME_PATTERN = /^[a-z][a-zA-Z0-9]*$/;
const ENUM_VALUE_PATTERN = /^[a-z][a-z0-9_]*$/;
const SIMPLE_TYPES: ReadonlySet<string> = new Set(FIELD_TYPES.filter((type) => type !== 'enum'));
const MODIFIERS: ReadonlySet<string> = new Set(FIELD_MODIFIERS);

/** A piece of the spec with the 0-based offset where it starts, so errors can point at it. */
interface Located {
  readonly text: string;
  readonly offset: number;
}

function fail(problem: string, at: Located, token: Located): never {
  throw new CliError(
    `--fields: ${problem} at position ${at.offset + 1} (in "${token.text}"); ${EXPECTED}`,
  );
}

function tokensOf(spec: string): Located[] {
  return [...spec.matchAll(/\S+/g)].map((match) => ({ text: match[0], offset: match.index }));
}

function partsOf(token: Located): Located[] {
  let offset = token.offset;
  return token.text.split(':').map((text) => {
    const part = { text, offset };
    offset += text.length + 1;
    return part;
  });
}

function parseName(name: Located, token: Located, seen: ReadonlySet<string>): string {
  if (name.text === '') fail('missing field name', name, token);
  if (!FIELD_NAME_PATTERN.test(name.text)) {
    fail(`invalid field name "${name.text}" (use lowerCamelCase letters and digits)`, name, token);
  }
  if (RESERVED_FIELD_NAMES.has(name.text)) {
    fail(`field name "${name.text}" is reserved (every record has id, ownerId, createdAt, updatedAt)`, name, token);
  }
  if (RESERVED_WORDS.has(name.text)) fail(`field name "${name.text}" is a JavaScript reserved word`, name, token);
  if (seen.has(name.text)) fail(`duplicate field name "${name.text}"`, name, token);
  return name.text;
}

function parseEnumValues(body: Located, token: Located): string[] {
  const values: string[] = [];
  let offset = body.offset;
  for (const text of body.text.split('|')) {
    const value = { text, offset };
    if (text === '') fail('empty enum value', value, token);
    if (!ENUM_VALUE_PATTERN.test(text)) {
      fail(`invalid enum value "${text}" (use lowercase letters, digits and _)`, value, token);
    }
    if (values.includes(text)) fail(`duplicate enum value "${text}"`, value, token);
    values.push(text);
    offset += text.length + 1;
  }
  return values;
}

function parseType(part: Located | undefined, token: Located): Pick<FieldSpec, 'type' | 'optional' | 'enumValues'> {
  if (part === undefined || part.text === '' || part.text === '?') {
    fail('missing type', { text: '', offset: part?.offset ?? token.offset + token.text.length }, token);
  }
  const optional = part.text.endsWith('?');
  const base = optional ? part.text.slice(0, -1) : part.text;
  if (SIMPLE_TYPES.has(base)) return { type: base as Exclude<FieldType, 'enum'>, optional, enumValues: [] };
  if (base === 'enum' || base.startsWith('enum(')) {
    if (!base.startsWith('enum(') || !base.endsWith(')')) {
      fail('an enum lists its values in parentheses: enum(a|b|c)', part, token);
    }
    const body = { text: base.slice('enum('.length, -1), offset: part.offset + 'enum('.length };
    if (body.text === '') fail('an enum needs at least two values', body, token);
    const enumValues = parseEnumValues(body, token);
    if (enumValues.length < 2) fail('an enum needs at least two values (one value is a constant)', body, token);
    return { type: 'enum', optional, enumValues };
  }
  return fail(`unknown type "${base}"`, part, token);
}

function parseModifiers(parts: readonly Located[], token: Located): Pick<FieldSpec, 'unique' | 'index'> {
  const seen = new Set<string>();
  for (const part of parts) {
    if (part.text === '') fail('missing modifier after ":"', part, token);
    if (part.text.includes('?')) fail('"?" goes right after the type (e.g. note:string?)', part, token);
    if (!MODIFIERS.has(part.text)) fail(`unknown modifier "${part.text}"`, part, token);
    if (seen.has(part.text)) fail(`duplicate modifier "${part.text}"`, part, token);
    seen.add(part.text);
  }
  return { unique: seen.has('unique'), index: seen.has('index') };
}

/**
 * Parses a Rails-like field list: space-separated `name:type[?][:unique|:index]`, e.g.
 * `title:string qty:integer status:enum(pending|paid) note:string? sku:string:unique`.
 * Pure; throws CliError naming the 1-based position and the token of the first problem.
 */
export function parseFieldsSpec(spec: string): FieldSpec[] {
  const tokens = tokensOf(spec);
  if (tokens.length === 0) fail('no fields given', { text: '', offset: 0 }, { text: spec, offset: 0 });
  const fields: FieldSpec[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const [name, type, ...modifiers] = partsOf(token);
    if (name === undefined) throw new Error('split always yields at least one part');
    const fieldName = parseName(name, token, seen);
    seen.add(fieldName);
    const field = { name: fieldName, ...parseType(type, token), ...parseModifiers(modifiers, token) };
    if (field.unique && (field.type === 'boolean' || field.type === 'enum')) {
      // Unique per owner, a boolean or enum would cap each user at a handful of records.
      const at = modifiers.find((part) => part.text === 'unique') ?? token;
      fail(`:unique needs a string, number, integer or date field, not ${field.type}`, at, token);
    }
    fields.push(field);
  }
  return fields;
}

/** The canonical spelling of a field list (single spaces, modifiers in a fixed order): stored in ddd.json. */
export function formatFieldsSpec(fields: readonly FieldSpec[]): string {
  return fields
    .map((field) => {
      const type = field.type === 'enum' ? `enum(${field.enumValues.join('|')})` : field.type;
      const modifiers = FIELD_MODIFIERS.filter((modifier) => field[modifier]).map((modifier) => `:${modifier}`);
      return `${field.name}:${type}${field.optional ? '?' : ''}${modifiers.join('')}`;
    })
    .join(' ');
}
