import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The domain layer of every context depends on nothing but itself and the shared kernel: no framework, no
 * database, no HTTP, no other context. New contexts are covered without editing this test.
 */
const DOMAINS_ROOT = __dirname;
const SHARED_KERNEL = path.resolve(DOMAINS_ROOT, '../shared/kernel');
const IMPORT_PATTERN = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]([^'"]+)['"]/g;
const ALLOWED_PACKAGES = new Set(['node:crypto']);

function domainFiles(): { context: string; file: string }[] {
  return readdirSync(DOMAINS_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const domainDir = path.join(DOMAINS_ROOT, entry.name, 'domain');
      const files = readdirSync(domainDir, { recursive: true, encoding: 'utf8' }).filter(
        (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
      );
      return files.map((file) => ({ context: entry.name, file: path.join(domainDir, file) }));
    });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT_PATTERN)].map((match) => match[1] ?? '');
}

function violation(context: string, file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return ALLOWED_PACKAGES.has(specifier) ? undefined : `imports the package "${specifier}"`;
  }
  const target = path.resolve(path.dirname(file), specifier);
  const ownDomain = path.join(DOMAINS_ROOT, context, 'domain');
  if (target === ownDomain || target.startsWith(ownDomain + path.sep)) return undefined;
  if (target === SHARED_KERNEL || target.startsWith(SHARED_KERNEL + path.sep)) return undefined;
  return `imports "${specifier}" from outside its own domain layer and the shared kernel`;
}

describe('domain layer boundaries', () => {
  const files = domainFiles();

  it('finds the domain layer of every context', () => {
    const contexts = new Set(files.map(({ context }) => context));
    expect(contexts.has('identity')).toBe(true);
    expect(files.length).toBeGreaterThan(0);
  });

  it('imports nothing from infrastructure, HTTP, frameworks or other contexts', () => {
    const violations = files.flatMap(({ context, file }) =>
      importsOf(file).flatMap((specifier) => {
        const problem = violation(context, file, specifier);
        return problem === undefined ? [] : [`${path.relative(DOMAINS_ROOT, file)} ${problem}`];
      }),
    );
    expect(violations).toEqual([]);
  });

  it('would catch a forbidden import', () => {
    const file = path.join(DOMAINS_ROOT, 'identity', 'domain', 'user.entity.ts');
    expect(violation('identity', file, '../infrastructure/mongo-user.repository')).toBeDefined();
    expect(violation('identity', file, '../../orders/domain/order.entity')).toBeDefined();
    expect(violation('identity', file, 'mongoose')).toBeDefined();
    expect(violation('identity', file, '../../../shared/kernel/domain-error')).toBeUndefined();
  });
});
