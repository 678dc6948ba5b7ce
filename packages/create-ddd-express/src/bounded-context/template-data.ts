/**
 * The data `templates/domain/**` is rendered with — read this if you write those templates.
 *
 * Layout: `templates/domain/` mirrors the PROJECT ROOT, so a context's files live under
 * `templates/domain/src/domains/__context__/…`. In paths, `__context__` becomes the kebab plural (`order-items`)
 * and `__entity__` the kebab singular (`order-item`); `.ejs` files are rendered with EJS (suffix dropped), other
 * files are copied verbatim; a leading `_` in a segment becomes `.`. Every rendered file is recorded in ddd.json
 * with its hash, and `ddd destroy domain` removes exactly those files. Output must be deterministic (no dates).
 *
 * Example values are for `ddd generate domain order-items --fields "title:string status:enum(open|done)? sku:string:unique"`.
 *
 *   templateVersion   '0.1.0'              version of create-ddd-express that rendered the files
 *   fieldsSpec        'title:string status:enum(open|done)? sku:string:unique'   canonical `--fields`
 *   context           { kebab: 'order-items', camel: 'orderItems', pascal: 'OrderItems', snake: 'order_items',
 *                       human: 'order items' }                the bounded context (always plural)
 *   entity            { kebab: 'order-item', camel: 'orderItem', pascal: 'OrderItem', snake: 'order_item',
 *                       human: 'order item' }                 one record (always singular)
 *   collection        'order_items'          Mongo collection name
 *   route             '/api/v1/order-items'  base path of the context's router
 *   contextExport     'orderItemsContext'    the `BoundedContext` that src/domains/<context>/index.ts exports
 *   fields            TemplateField[] in the order given (never empty; default `name:string`), each:
 *     name            'sku'                  lowerCamel property name (never id/ownerId/createdAt/updatedAt)
 *     pascalName      'Sku'                  for derived identifiers (`findBySku`)
 *     human           'sku'                  for messages (`dueDate` → 'due date')
 *     type            'string' | 'number' | 'integer' | 'boolean' | 'date' | 'enum'
 *     optional        boolean                `note:string?`: may be absent (undefined in TS, missing in JSON)
 *     unique          boolean                `:unique`: at most one record per owner with that value (the
 *                                            template decides the scope and the ConflictError)
 *     index           boolean                `:index`: worth a database index
 *     enumValues      string[]               ['open', 'done'] for enums, [] otherwise
 *     tsType          'string' | 'number' | 'boolean' | 'Date' | 'OrderItemStatus'   without `| undefined`
 *     enumType        'OrderItemStatus'      the union type an enum field declares ('' for other types)
 *     enumConstant    'ORDER_ITEM_STATUS_VALUES'   the `as const` array of its values ('' for other types)
 *     zodSchema       'text' | 'z.number()' | 'z.number().int()' | 'z.boolean()' | 'isoDate' |
 *                     'z.enum(ORDER_ITEM_STATUS_VALUES)'   request-body schema, without `.optional()`; `text` and
 *                     `isoDate` come from the project's src/shared/http/schemas.ts
 *     mongooseType    'String' | 'Number' | 'Boolean' | 'Date'  (enums are 'String'; add `enum: enumValues`)
 *     example         JSON value valid for the field, as sent over HTTP: 'example title', 42.5, 7, true,
 *                     '2024-01-15T00:00:00.000Z', the first enum value
 *     otherExample    a different valid value (for updates and uniqueness tests): 'other title', 13.25, 3,
 *                     false, '2024-02-20T00:00:00.000Z', the last enum value (equal to `example` for a one-value enum)
 *     tsExample       `example` as a TypeScript expression of the domain type ("new Date('2024-01-15…')" for dates)
 *     tsOtherExample  the same for `otherExample`
 *     jsonOtherExample  `otherExample` as a JavaScript literal of the JSON value ("'other title'", '3')
 *     tsSample        a TypeScript expression of the domain type using a number `n` in scope, different for each
 *                     `n` (booleans and enums alternate): "`example title ${n}`", '42.5 + n', '7 + n',
 *                     'new Date(Date.UTC(2024, 0, 15 + n))', 'n % 2 === 0', "n % 2 === 0 ? 'open' : 'done'"
 *     jsonSample      the same as sent over HTTP (dates as ISO strings)
 *     tsInvalid       a value of the domain type that breaks the field's invariant ("'   '", 'Number.NaN', '1.5',
 *                     "new Date('invalid')", "'not_a_value' as OrderItemStatus"); '' for booleans (none to break)
 *     invalidLabel    'a blank', 'a non-finite', 'a non-integer', 'an invalid' ('' for booleans)
 *
 * Templates decide the code; this is only data. Add to it rather than computing names in templates.
 */
import { camelize, humanize, underscore } from 'inflection';
import type { FieldSpec, FieldType } from './fields';
import { formatFieldsSpec } from './fields';
import type { ContextNames, NameForms } from './names';

export type JsonExample = string | number | boolean;

export interface TemplateField extends FieldSpec {
  readonly pascalName: string;
  readonly human: string;
  readonly tsType: string;
  readonly enumType: string;
  readonly enumConstant: string;
  readonly zodSchema: string;
  readonly mongooseType: 'String' | 'Number' | 'Boolean' | 'Date';
  readonly example: JsonExample;
  readonly otherExample: JsonExample;
  readonly tsExample: string;
  readonly tsOtherExample: string;
  readonly jsonOtherExample: string;
  readonly tsSample: string;
  readonly jsonSample: string;
  readonly tsInvalid: string;
  readonly invalidLabel: string;
}

type SampleHints = Pick<TemplateField, 'tsSample' | 'jsonSample' | 'tsInvalid' | 'invalidLabel'>;

function samplesFor(field: FieldSpec, example: JsonExample, enumType: string): SampleHints {
  switch (field.type) {
    case 'string':
      return { tsSample: `\`${String(example)} \${n}\``, jsonSample: `\`${String(example)} \${n}\``, tsInvalid: "'   '", invalidLabel: 'a blank' };
    case 'number':
      return { tsSample: `${String(example)} + n`, jsonSample: `${String(example)} + n`, tsInvalid: 'Number.NaN', invalidLabel: 'a non-finite' };
    case 'integer':
      return { tsSample: `${String(example)} + n`, jsonSample: `${String(example)} + n`, tsInvalid: '1.5', invalidLabel: 'a non-integer' };
    case 'date': {
      const date = 'new Date(Date.UTC(2024, 0, 15 + n))';
      return { tsSample: date, jsonSample: `${date}.toISOString()`, tsInvalid: "new Date('invalid')", invalidLabel: 'an invalid' };
    }
    case 'boolean':
      return { tsSample: 'n % 2 === 0', jsonSample: 'n % 2 === 0', tsInvalid: '', invalidLabel: '' };
    case 'enum': {
      const alternating = `n % 2 === 0 ? ${jsLiteral(example)} : ${jsLiteral(field.enumValues.at(-1) ?? '')}`;
      return {
        tsSample: alternating,
        jsonSample: alternating,
        tsInvalid: `'not_a_value' as ${enumType}`,
        invalidLabel: 'an invalid',
      };
    }
  }
}

export interface DomainTemplateData {
  readonly templateVersion: string;
  readonly fieldsSpec: string;
  readonly context: NameForms;
  readonly entity: NameForms;
  readonly collection: string;
  readonly route: string;
  readonly contextExport: string;
  readonly fields: readonly TemplateField[];
}

type TypeHints = Pick<TemplateField, 'tsType' | 'zodSchema' | 'mongooseType' | 'example' | 'otherExample'>;

interface EnumNames {
  readonly enumType: string;
  readonly enumConstant: string;
}

function hintsFor(field: FieldSpec, human: string, names: EnumNames): TypeHints {
  const type: FieldType = field.type;
  switch (type) {
    case 'string':
      return {
        tsType: 'string', zodSchema: 'text', mongooseType: 'String',
        example: `example ${human}`, otherExample: `other ${human}`,
      };
    case 'number':
      return { tsType: 'number', zodSchema: 'z.number()', mongooseType: 'Number', example: 42.5, otherExample: 13.25 };
    case 'integer':
      return { tsType: 'number', zodSchema: 'z.number().int()', mongooseType: 'Number', example: 7, otherExample: 3 };
    case 'boolean':
      return { tsType: 'boolean', zodSchema: 'z.boolean()', mongooseType: 'Boolean', example: true, otherExample: false };
    case 'date':
      return {
        tsType: 'Date', zodSchema: 'isoDate', mongooseType: 'Date',
        example: '2024-01-15T00:00:00.000Z', otherExample: '2024-02-20T00:00:00.000Z',
      };
    case 'enum': {
      const first = field.enumValues[0] ?? '';
      return {
        tsType: names.enumType,
        zodSchema: `z.enum(${names.enumConstant})`,
        mongooseType: 'String',
        example: first,
        otherExample: field.enumValues.at(-1) ?? first,
      };
    }
  }
}

/** A JavaScript literal in the generated project's Prettier style (single quotes). */
export function jsLiteral(value: JsonExample): string {
  return typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : String(value);
}

function tsLiteral(field: FieldSpec, value: JsonExample): string {
  return field.type === 'date' ? `new Date(${jsLiteral(value)})` : jsLiteral(value);
}

function templateField(field: FieldSpec, entity: NameForms): TemplateField {
  const human = humanize(underscore(field.name), true);
  const pascalName = camelize(field.name);
  const names: EnumNames =
    field.type === 'enum'
      ? { enumType: `${entity.pascal}${pascalName}`, enumConstant: `${underscore(`${entity.pascal}${pascalName}`).toUpperCase()}_VALUES` }
      : { enumType: '', enumConstant: '' };
  const hints = hintsFor(field, human, names);
  return {
    ...field,
    pascalName,
    human,
    ...names,
    ...hints,
    tsExample: tsLiteral(field, hints.example),
    tsOtherExample: tsLiteral(field, hints.otherExample),
    jsonOtherExample: jsLiteral(hints.otherExample),
    ...samplesFor(field, hints.example, names.enumType),
  };
}

/** Pure: everything a domain template may use, derived from the names, the fields and the CLI version. */
export function buildTemplateData(
  names: ContextNames,
  fields: readonly FieldSpec[],
  templateVersion: string,
): DomainTemplateData {
  return {
    templateVersion,
    fieldsSpec: formatFieldsSpec(fields),
    context: names.context,
    entity: names.entity,
    collection: names.collection,
    route: names.route,
    contextExport: names.contextExport,
    fields: fields.map((field) => templateField(field, names.entity)),
  };
}
