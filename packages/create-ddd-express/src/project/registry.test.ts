import { addToRegistry, manualRegistrationHint, registryLines, removeFromRegistry } from './registry';

const REGISTRY = `import type { BoundedContext } from './context';
import { identityContext } from './identity';

export const contexts: readonly BoundedContext[] = [
  identityContext,
];
`;

const ORDERS = registryLines('ordersContext', 'orders');

function edited(source: string): string {
  const edit = addToRegistry(source, ORDERS);
  if (edit.kind !== 'edited') throw new Error(`expected an edit, got ${JSON.stringify(edit)}`);
  return edit.after;
}

describe('registryLines', () => {
  it('is the import and the array entry of the context', () => {
    expect(ORDERS).toEqual({ import: "import { ordersContext } from './orders';", entry: 'ordersContext,' });
  });
});

describe('addToRegistry', () => {
  it('inserts the import after the last relative import and the entry before the closing bracket', () => {
    expect(edited(REGISTRY)).toBe(`import type { BoundedContext } from './context';
import { identityContext } from './identity';
import { ordersContext } from './orders';

export const contexts: readonly BoundedContext[] = [
  identityContext,
  ordersContext,
];
`);
  });

  it('appends after contexts registered before, keeping their order', () => {
    const twice = addToRegistry(edited(REGISTRY), registryLines('orderItemsContext', 'order-items'));
    if (twice.kind !== 'edited') throw new Error('expected an edit');
    expect(twice.after).toContain("import { ordersContext } from './orders';\nimport { orderItemsContext } from './order-items';\n");
    expect(twice.after).toContain('  ordersContext,\n  orderItemsContext,\n];');
  });

  it('is idempotent: a registered context needs no edit', () => {
    expect(addToRegistry(edited(REGISTRY), ORDERS)).toEqual({ kind: 'already-registered' });
  });

  it('adds only the missing line when half the registration is there', () => {
    const withImportOnly = REGISTRY.replace("'./identity';\n", "'./identity';\nimport { ordersContext } from './orders';\n");
    expect(edited(withImportOnly)).toBe(edited(REGISTRY));
  });

  it('keeps CRLF line endings', () => {
    const crlf = REGISTRY.split('\n').join('\r\n');
    expect(edited(crlf)).toBe(edited(REGISTRY).split('\n').join('\r\n'));
  });

  it.each([
    ['the array was renamed', REGISTRY.replace('export const contexts', 'export const allContexts'), 'no `export const contexts'],
    ['the array is on one line', REGISTRY.replace('[\n  identityContext,\n];', '[identityContext];'), 'no `export const contexts'],
    ['the array is not closed', REGISTRY.replace('];', ']'), 'no closing `];` line'],
    ['there are two arrays', `${REGISTRY}export const contexts: readonly BoundedContext[] = [\n];\n`, 'more than one'],
    ['an import follows the array', `${REGISTRY}import { late } from './late';\n`, 'an import comes after the `contexts` array'],
    ['there is no relative import', REGISTRY.replace("import { identityContext } from './identity';\n", ''), 'no `import { … }'],
  ])('refuses when %s', (_, source, reason) => {
    const edit = addToRegistry(source, ORDERS);
    expect(edit.kind).toBe('refused');
    expect(edit.kind === 'refused' && edit.reason).toContain(reason);
  });
});

describe('removeFromRegistry', () => {
  it('undoes addToRegistry byte for byte', () => {
    expect(removeFromRegistry(edited(REGISTRY), ORDERS)).toBe(REGISTRY);
  });

  it('leaves a registry without the lines unchanged', () => {
    expect(removeFromRegistry(REGISTRY, ORDERS)).toBe(REGISTRY);
  });
});

describe('manualRegistrationHint', () => {
  it('shows both lines to add by hand', () => {
    const hint = manualRegistrationHint(ORDERS);
    expect(hint).toContain("import { ordersContext } from './orders';");
    expect(hint).toContain('  ordersContext,');
    expect(hint).toContain('src/domains/index.ts');
  });
});
