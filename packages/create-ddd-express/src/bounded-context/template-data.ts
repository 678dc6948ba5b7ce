/**
 * The data `templates/domain/**` is rendered with — read this if you write those templates. The layout rules of
 * that folder are in docs/generated-project.md. Examples below are for
 * `ddd generate domain order-items --fields "title:string status:enum(open|done)? sku:string:unique"`.
 * Templates decide the code; this is only data. Add to it rather than computing names in templates.
 */
import { camelize, humanize, underscore } from 'inflection';
import type { FieldSpec, FieldType } from './fields';
import { formatFieldsSpec } from './fields';
import type { ContextNames, NameForms } from './names';

export type JsonExample = string | number | boolean;

/**
 * One field, in the order `--fields` gave them (never empty; default `name:string`). From FieldSpec: `name`
 * ('sku', lowerCamel, never id/ownerId/createdAt/updatedAt/version), `type`, `optional` (`note:string?`: may be
 * absent), `unique` (`:unique`: one record per owner with that value), `index` (`:index`), `enumValues`.
 */
export interface TemplateField extends FieldSpec {
  /** 'Sku': for derived identifiers (`findBySku`). */
  readonly pascalName: string;
  /** 'due date' for `dueDate`: for messages. */
  readonly human: string;
  /** 'string' | 'number' | 'boolean' | 'Date' | 'OrderItemStatus', without `| undefined`. */
  readonly tsType: string;
  /** 'OrderItemStatus': the union type an enum field declares ('' for other types). */
  readonly enumType: string;
  /** 'ORDER_ITEM_STATUS_VALUES': the `as const` array of an enum's values ('' for other types). */
  readonly enumConstant: string;
  /**
   * The request-body schema without `.optional()`: 'text' | 'z.number()' | 'z.number().int()' | 'z.boolean()' |
   * 'isoDate' | 'z.enum(ORDER_ITEM_STATUS_VALUES)' (`text`, `isoDate`: the project's src/shared/http/schemas.ts).
   */
  readonly zodSchema: string;
  /** The response-body schema without `.optional()`: as `zodSchema`, but plain strings and ISO date-times. */
  readonly responseSchema: string;
  /** Enums are 'String' (add `enum: enumValues`). */
  readonly mongooseType: 'String' | 'Number' | 'Boolean' | 'Date';
  /** A valid value as sent over HTTP: 'example title', 42.5, 7, true, '2024-01-15T00:00:00.000Z', the first enum value. */
  readonly example: JsonExample;
  /** A different valid value (updates, uniqueness tests); equal to `example` for a one-value enum. */
  readonly otherExample: JsonExample;
  /** `example` as a TypeScript expression of the domain type ("new Date('2024-01-15…')" for dates). */
  readonly tsExample: string;
  /** `otherExample` as a TypeScript expression of the domain type. */
  readonly tsOtherExample: string;
  /** `otherExample` as a JavaScript literal of the JSON value ("'other title'", '3'). */
  readonly jsonOtherExample: string;
  /** `example` as a JavaScript literal of the JSON value ("'example title'", '42.5'). */
  readonly jsonExample: string;
  /**
   * A domain-type expression using a number `n` in scope, different for each `n` (booleans and enums alternate):
   * "`example title ${n}`", '42.5 + n', 'new Date(Date.UTC(2024, 0, 15 + n))', 'n % 2 === 0'.
   */
  readonly tsSample: string;
  /** `tsSample` as sent over HTTP (dates as ISO strings). */
  readonly jsonSample: string;
  /** A value that breaks the field's invariant ("'   '", 'Number.NaN', '1.5', …); '' for booleans (none to break). */
  readonly tsInvalid: string;
  /** 'a blank', 'a non-finite', 'a non-integer', 'an invalid' ('' for booleans). */
  readonly invalidLabel: string;
  /** Lists take `?name=value` for it (equality): enum, boolean, `:index` and `:unique` fields. */
  readonly filterable: boolean;
  /**
   * The filter's query-parameter schema: 'text' | 'z.coerce.number()' | 'z.coerce.number().int()' | 'queryBoolean'
   * | 'isoDate' | 'z.enum(ORDER_ITEM_STATUS_VALUES)' (`queryBoolean`: src/shared/http/page-query.ts).
   */
  readonly queryZodSchema: string;
  /**
   * Lists take `?sort=name` and `?sort=-name`: required `:index`/`:unique` fields that have an order (not booleans),
   * each with indexes that serve its sort.
   */
  readonly sortable: boolean;
  /** How a sortable field's values compare in a cursor: 'string' | 'number' | 'date' ('' when not sortable). */
  readonly sortKind: '' | 'string' | 'number' | 'date';
}

type ListHints = Pick<TemplateField, 'filterable' | 'queryZodSchema' | 'sortable' | 'sortKind'>;

function listHintsFor(field: FieldSpec, zodSchema: string): ListHints {
  const indexed = field.index || field.unique;
  const sortable = indexed && !field.optional && field.type !== 'boolean';
  const kinds = { string: 'string', enum: 'string', number: 'number', integer: 'number', date: 'date', boolean: '' } as const;
  const queryZodSchema =
    field.type === 'boolean' ? 'queryBoolean' : zodSchema.replace('z.number()', 'z.coerce.number()');
  return {
    filterable: indexed || field.type === 'enum' || field.type === 'boolean',
    queryZodSchema,
    sortable,
    sortKind: sortable ? kinds[field.type] : '',
  };
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
  /** '0.1.0': the create-ddd-express version that rendered the files. */
  readonly templateVersion: string;
  /** The canonical `--fields`: 'title:string status:enum(open|done)? sku:string:unique'. */
  readonly fieldsSpec: string;
  /** The bounded context, always plural: order-items, orderItems, OrderItems, order_items, 'order items'. */
  readonly context: NameForms;
  /** One record, always singular: order-item, orderItem, OrderItem, order_item, 'order item'. */
  readonly entity: NameForms;
  /** 'order_items': the Mongo collection (and the embedded store's file). */
  readonly collection: string;
  /** '/api/v1/order-items': the base path of the context's router. */
  readonly route: string;
  /** 'orderItemsContext': the BoundedContext that src/domains/<context>/index.ts exports. */
  readonly contextExport: string;
  readonly fields: readonly TemplateField[];
  /**
   * True unless `--no-cache`: reads by id go through the project's cache. A template that renders to nothing
   * without it (`<% if (cache) { %>` around the whole file) is not written.
   */
  readonly cache: boolean;
  /**
   * `--access`: 'owner' (default: each user their own records, administrators all), 'shared' (every signed-in
   * user reads all, the owner and administrators write), 'admin' (administrators only).
   */
  readonly access: AccessModel;
}

/** Who may do what with a context's records: `--access` (see the policy template). */
export const ACCESS_MODELS = ['owner', 'shared', 'admin'] as const;
export type AccessModel = (typeof ACCESS_MODELS)[number];

/** Choices made at generation besides names and fields. */
export interface ContextOptions {
  readonly cache: boolean;
  readonly access: AccessModel;
}

type TypeHints = Pick<
  TemplateField,
  'tsType' | 'zodSchema' | 'responseSchema' | 'mongooseType' | 'example' | 'otherExample'
>;

interface EnumNames {
  readonly enumType: string;
  readonly enumConstant: string;
}

function hintsFor(field: FieldSpec, human: string, names: EnumNames): TypeHints {
  const type: FieldType = field.type;
  switch (type) {
    case 'string':
      return {
        tsType: 'string', zodSchema: 'text', responseSchema: 'z.string()', mongooseType: 'String',
        example: `example ${human}`, otherExample: `other ${human}`,
      };
    case 'number':
      return {
        tsType: 'number', zodSchema: 'z.number()', responseSchema: 'z.number()', mongooseType: 'Number',
        example: 42.5, otherExample: 13.25,
      };
    case 'integer':
      return {
        tsType: 'number', zodSchema: 'z.number().int()', responseSchema: 'z.number().int()', mongooseType: 'Number',
        example: 7, otherExample: 3,
      };
    case 'boolean':
      return {
        tsType: 'boolean', zodSchema: 'z.boolean()', responseSchema: 'z.boolean()', mongooseType: 'Boolean',
        example: true, otherExample: false,
      };
    case 'date':
      return {
        tsType: 'Date', zodSchema: 'isoDate', responseSchema: 'z.iso.datetime()', mongooseType: 'Date',
        example: '2024-01-15T00:00:00.000Z', otherExample: '2024-02-20T00:00:00.000Z',
      };
    case 'enum': {
      const first = field.enumValues[0] ?? '';
      return {
        tsType: names.enumType,
        zodSchema: `z.enum(${names.enumConstant})`,
        responseSchema: `z.enum(${names.enumConstant})`,
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
    jsonExample: jsLiteral(hints.example),
    ...samplesFor(field, hints.example, names.enumType),
    ...listHintsFor(field, hints.zodSchema),
  };
}

/** Pure: everything a domain template may use, derived from the names, the fields and the CLI version. */
export function buildTemplateData(
  names: ContextNames,
  fields: readonly FieldSpec[],
  templateVersion: string,
  options: ContextOptions = { cache: true, access: 'owner' },
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
    cache: options.cache,
    access: options.access,
  };
}
