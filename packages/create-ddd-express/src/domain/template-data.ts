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
 *     tsType          'string' | 'number' | 'boolean' | 'Date' | "'open' | 'done'"   without `| undefined`
 *     zodSchema       'z.string().min(1)' | 'z.number()' | 'z.number().int()' | 'z.boolean()' |
 *                     'z.coerce.date()' | "z.enum(['open', 'done'])"   request-body schema, without `.optional()`
 *     mongooseType    'String' | 'Number' | 'Boolean' | 'Date'  (enums are 'String'; add `enum: enumValues`)
 *     example         JSON value valid for the field, as sent over HTTP: 'example title', 42.5, 7, true,
 *                     '2024-01-15T00:00:00.000Z', the first enum value
 *     otherExample    a different valid value (for updates and uniqueness tests): 'other title', 13.25, 3,
 *                     false, '2024-02-20T00:00:00.000Z', the last enum value (the first if there is one)
 *
 * Templates decide the code; this is only data. Add to it rather than computing names in templates.
 */
import type { FieldSpec, FieldType } from './fields';
import { formatFieldsSpec } from './fields';
import { camelize, humanize, underscore } from 'inflection';
import type { ContextNames, NameForms } from './names';

export type JsonExample = string | number | boolean;

export interface TemplateField extends FieldSpec {
  readonly pascalName: string;
  readonly human: string;
  readonly tsType: string;
  readonly zodSchema: string;
  readonly mongooseType: 'String' | 'Number' | 'Boolean' | 'Date';
  readonly example: JsonExample;
  readonly otherExample: JsonExample;
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

function quoted(values: readonly string[], separator: string): string {
  return values.map((value) => `'${value}'`).join(separator);
}

function hintsFor(field: FieldSpec, human: string): TypeHints {
  const type: FieldType = field.type;
  switch (type) {
    case 'string':
      return {
        tsType: 'string', zodSchema: 'z.string().min(1)', mongooseType: 'String',
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
        tsType: 'Date', zodSchema: 'z.coerce.date()', mongooseType: 'Date',
        example: '2024-01-15T00:00:00.000Z', otherExample: '2024-02-20T00:00:00.000Z',
      };
    case 'enum': {
      const first = field.enumValues[0] ?? '';
      return {
        tsType: quoted(field.enumValues, ' | '),
        zodSchema: `z.enum([${quoted(field.enumValues, ', ')}])`,
        mongooseType: 'String',
        example: first,
        otherExample: field.enumValues.at(-1) ?? first,
      };
    }
  }
}

function templateField(field: FieldSpec): TemplateField {
  const human = humanize(underscore(field.name), true);
  return { ...field, pascalName: camelize(field.name), human, ...hintsFor(field, human) };
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
    fields: fields.map(templateField),
  };
}
