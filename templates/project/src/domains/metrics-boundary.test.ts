import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * No bounded context, in any layer, reaches for the metrics library or the metrics wiring: what a context counts
 * goes through a port it is given (as the caches' `countRead`), so that tests and the composition root choose.
 */
const DOMAINS_ROOT = __dirname;
const FORBIDDEN =
  /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"](prom-client|[./]+\/shared\/metrics(?:\/[^'"]*)?)['"]/g;

function contextFiles(): string[] {
  return readdirSync(DOMAINS_ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(DOMAINS_ROOT, entry.name), { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.ts'))
        .map((file) => path.join(DOMAINS_ROOT, entry.name, file)),
    );
}

const forbiddenImports = (source: string): string[] => [...source.matchAll(FORBIDDEN)].map((match) => match[1] ?? '');

describe('metrics stay out of the bounded contexts', () => {
  it('no file of any context imports prom-client or src/shared/metrics', () => {
    const files = contextFiles();
    expect(files.some((file) => file.includes(`${path.sep}identity${path.sep}`))).toBe(true);
    const violations = files.flatMap((file) =>
      forbiddenImports(readFileSync(file, 'utf8')).map(
        (specifier) => `${path.relative(DOMAINS_ROOT, file)}: ${specifier}`,
      ),
    );
    expect(violations).toEqual([]);
  });

  it('would catch either import', () => {
    expect(forbiddenImports("import { Counter } from 'prom-client';")).toEqual(['prom-client']);
    expect(forbiddenImports("import 'prom-client';")).toEqual(['prom-client']);
    expect(forbiddenImports("import type { Metrics } from '../../shared/metrics/metrics';")).toEqual([
      '../../shared/metrics/metrics',
    ]);
    expect(forbiddenImports("import type { ReadCache } from '../../shared/cache/read-cache';")).toEqual([]);
  });
});
