import { parseFieldsSpec } from './fields';
import { deriveContextNames } from './names';
import { buildTemplateData } from './template-data';

const data = buildTemplateData(
  deriveContextNames('order-items'),
  parseFieldsSpec('title:string total:number qty:integer paid:boolean dueDate:date? status:enum(open|done):index'),
  '1.2.3',
);

function field(name: string) {
  const found = data.fields.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
}

describe('buildTemplateData', () => {
  it('carries the names, the route, the version and the canonical spec', () => {
    expect(data).toMatchObject({
      templateVersion: '1.2.3',
      fieldsSpec: 'title:string total:number qty:integer paid:boolean dueDate:date? status:enum(open|done):index',
      context: { kebab: 'order-items', pascal: 'OrderItems' },
      entity: { camel: 'orderItem', human: 'order item' },
      collection: 'order_items',
      route: '/api/v1/order-items',
      contextExport: 'orderItemsContext',
    });
  });

  it('gives each type its TypeScript, zod and Mongoose spelling', () => {
    expect(data.fields.map((f) => [f.name, f.tsType, f.zodSchema, f.mongooseType])).toEqual([
      ['title', 'string', 'text', 'String'],
      ['total', 'number', 'z.number()', 'Number'],
      ['qty', 'number', 'z.number().int()', 'Number'],
      ['paid', 'boolean', 'z.boolean()', 'Boolean'],
      ['dueDate', 'Date', 'isoDate', 'Date'],
      ['status', 'OrderItemStatus', 'z.enum(ORDER_ITEM_STATUS_VALUES)', 'String'],
    ]);
  });

  it('says which fields lists filter (enum, boolean, indexed) and sort by (indexed, required, ordered)', () => {
    expect(data.fields.filter((f) => f.filterable).map((f) => [f.name, f.queryZodSchema])).toEqual([
      ['paid', 'queryBoolean'],
      ['status', 'z.enum(ORDER_ITEM_STATUS_VALUES)'],
    ]);
    expect(data.fields.filter((f) => f.sortable).map((f) => [f.name, f.sortKind])).toEqual([['status', 'string']]);
    const more = buildTemplateData(
      deriveContextNames('things'),
      parseFieldsSpec('at:date:index n:number:unique flag:boolean:index note:string?:index'),
      '1.2.3',
    );
    expect(more.fields.map((f) => [f.name, f.filterable, f.sortable, f.sortKind, f.queryZodSchema])).toEqual([
      ['at', true, true, 'date', 'isoDate'],
      ['n', true, true, 'number', 'z.coerce.number()'],
      ['flag', true, false, '', 'queryBoolean'],
      ['note', true, false, '', 'text'],
    ]);
  });

  it('names the type and the value list of enum fields after the entity', () => {
    expect(field('status')).toMatchObject({ enumType: 'OrderItemStatus', enumConstant: 'ORDER_ITEM_STATUS_VALUES' });
    expect(field('title')).toMatchObject({ enumType: '', enumConstant: '' });
  });

  it('spells examples as TypeScript values of the domain type', () => {
    expect(field('dueDate').tsExample).toBe(`new Date('${String(field('dueDate').example)}')`);
    expect(field('qty').tsExample).toBe('7');
    expect(field('title').tsOtherExample).toBe(`'${String(field('title').otherExample)}'`);
    expect(field('status').tsSample).toBe("n % 2 === 0 ? 'open' : 'done'");
  });

  it('names fields for identifiers and for people', () => {
    expect(field('dueDate')).toMatchObject({ pascalName: 'DueDate', human: 'due date', optional: true });
  });

  it('gives two distinct valid examples per field', () => {
    for (const f of data.fields) expect(f.example).not.toEqual(f.otherExample);
    expect(field('qty').example).toBe(7);
    expect(field('status')).toMatchObject({ example: 'open', otherExample: 'done', enumValues: ['open', 'done'], index: true });
    expect(Number.isNaN(Date.parse(String(field('dueDate').example)))).toBe(false);
  });
});
