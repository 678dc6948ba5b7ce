import { CliError } from '../shared/cli-error';
import { assertGeneratableNames, deriveContextNames } from './names';

function generatable(input: string): void {
  assertGeneratableNames(input, deriveContextNames(input));
}

describe('deriveContextNames', () => {
  it('derives every form of a two-word plural name', () => {
    expect(deriveContextNames('order-items')).toEqual({
      context: { kebab: 'order-items', camel: 'orderItems', pascal: 'OrderItems', snake: 'order_items', human: 'order items', article: 'an' },
      entity: { kebab: 'order-item', camel: 'orderItem', pascal: 'OrderItem', snake: 'order_item', human: 'order item', article: 'an' },
      collection: 'order_items',
      route: '/api/v1/order-items',
      contextExport: 'orderItemsContext',
      directory: 'src/domains/order-items',
    });
  });

  it('makes the context plural when given a singular, using real inflection rules', () => {
    expect(deriveContextNames('order').context.kebab).toBe('orders');
    expect(deriveContextNames('person').context.kebab).toBe('people');
    expect(deriveContextNames('people').entity.pascal).toBe('Person');
    expect(deriveContextNames('categories').entity.kebab).toBe('category');
  });

  it('gives the entity its article by spelling: an order, an item, an update, a user, a unit (and, documented, a hour)', () => {
    const names = ['orders', 'items', 'updates', 'users', 'units', 'hours'];
    const articles = names.map((name) => deriveContextNames(name).entity.article);
    expect(articles).toEqual(['an', 'an', 'an', 'a', 'a', 'a']);
  });

  it.each(['', '../x', 'Orders!', 'Orders', 'order_items', 'order--items', '-orders', 'orders-', '1orders', 'or ders'])(
    'rejects the badly spelled name %j',
    (input) => {
      expect(() => deriveContextNames(input)).toThrow(CliError);
    },
  );

  it('explains the spelling rule', () => {
    expect(() => deriveContextNames('../x')).toThrow(
      'invalid domain name "../x": use lowercase letters and digits in dash-separated words starting with a letter',
    );
  });

  it('rejects names whose singular is their plural, asking for a distinct plural', () => {
    expect(() => deriveContextNames('news')).toThrow(/same singular and plural.*pick a name with a distinct plural/);
    expect(() => deriveContextNames('series')).toThrow(CliError);
  });
});

describe('assertGeneratableNames', () => {
  it('accepts ordinary names', () => {
    expect(() => generatable('orders')).not.toThrow();
    expect(() => generatable('order-items')).not.toThrow();
  });

  it('rejects a reserved word given as the name', () => {
    expect(() => generatable('class')).toThrow('gives the identifier "class", a reserved word');
  });

  it('rejects a name whose derived singular is a reserved word', () => {
    expect(() => generatable('defaults')).toThrow('gives the identifier "default"');
    expect(() => generatable('imports')).toThrow('gives the identifier "import"');
  });

  it.each(['identity', 'identities', 'shared'])('rejects the context the project owns: %s', (input) => {
    expect(() => generatable(input)).toThrow(/is reserved: the "(identity|shared)" context comes with the project/);
  });

  it.each([
    ['users', '/api/v1/users'],
    ['auth', '/api/v1/auth'],
    ['problems', 'Problem'],
  ])('rejects a name whose routes or schema the project already has: %s', (input, what) => {
    expect(() => generatable(input)).toThrow(`domain name "${input}" is taken`);
    expect(() => generatable(input)).toThrow(what);
  });
});
