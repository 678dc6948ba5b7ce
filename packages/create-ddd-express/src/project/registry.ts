/**
 * Edits `src/domains/index.ts`, the registry of bounded contexts (format in docs/generated-project.md):
 *
 *   import { ordersContext } from './orders';          ← inserted after the last relative `import { … }` line
 *   export const contexts: readonly BoundedContext[] = [
 *     ordersContext,                                   ← inserted before the closing `];`
 *   ];
 *
 * Line based and conservative: when the anchors are missing or ambiguous the caller refuses and shows the lines.
 */

export const REGISTRY_FILE = 'src/domains/index.ts';

/** The two lines that register a context, as stored in the manifest (entry without its indentation). */
export interface RegistryLines {
  readonly import: string;
  readonly entry: string;
}

export type RegistryEdit =
  | { readonly kind: 'already-registered' }
  | { readonly kind: 'edited'; readonly after: string }
  | { readonly kind: 'refused'; readonly reason: string };

const ARRAY_OPENING = /^export const contexts: readonly BoundedContext\[\] = \[$/;
const ARRAY_CLOSING = /^\];$/;
const RELATIVE_IMPORT = /^import \{[^}]*\} from (['"])\.\.?\/[^'"]*\1;?$/;
const ENTRY_INDENT = '  ';

export function registryLines(contextExport: string, contextDirectory: string): RegistryLines {
  return { import: `import { ${contextExport} } from './${contextDirectory}';`, entry: `${contextExport},` };
}

/** Lines without their end-of-line; `\r` of CRLF files is kept apart so the file's own endings survive. */
function splitLines(source: string): { lines: string[]; carriageReturn: string } {
  return { lines: source.split('\n'), carriageReturn: source.includes('\r\n') ? '\r' : '' };
}

function indexesOf(lines: readonly string[], matches: (trimmed: string) => boolean): number[] {
  return lines.flatMap((line, index) => (matches(line.trim()) ? [index] : []));
}

function arrayBounds(lines: readonly string[]): { opening: number; closing: number } | string {
  const openings = indexesOf(lines, (line) => ARRAY_OPENING.test(line));
  if (openings.length === 0) return 'no `export const contexts: readonly BoundedContext[] = [` line';
  if (openings.length > 1) return 'more than one `export const contexts` array';
  const opening = openings[0] ?? 0;
  const closing = lines.findIndex((line, index) => index > opening && ARRAY_CLOSING.test(line.trim()));
  if (closing === -1) return 'the `contexts` array has no closing `];` line';
  return { opening, closing };
}

function isRegistered(lines: readonly string[], wanted: RegistryLines): boolean {
  return lines.some((line) => line.trim() === wanted.import) && lines.some((line) => line.trim() === wanted.entry);
}

/** Pure: the registry with the context added, or why it can't be done safely. Idempotent. */
export function addToRegistry(source: string, wanted: RegistryLines): RegistryEdit {
  const { lines, carriageReturn } = splitLines(source);
  if (isRegistered(lines, wanted)) return { kind: 'already-registered' };
  const bounds = arrayBounds(lines);
  if (typeof bounds === 'string') return { kind: 'refused', reason: bounds };
  const imports = indexesOf(lines, (line) => RELATIVE_IMPORT.test(line));
  const lastImport = imports.at(-1);
  if (lastImport === undefined) return { kind: 'refused', reason: "no `import { … } from './…';` line" };
  if (lastImport > bounds.opening) return { kind: 'refused', reason: 'an import comes after the `contexts` array' };
  const hasImport = lines.some((line) => line.trim() === wanted.import);
  const hasEntry = lines.slice(bounds.opening, bounds.closing).some((line) => line.trim() === wanted.entry);
  const edited = [...lines];
  // Insert the later line first so the earlier index stays valid.
  if (!hasEntry) edited.splice(bounds.closing, 0, `${ENTRY_INDENT}${wanted.entry}${carriageReturn}`);
  if (!hasImport) edited.splice(lastImport + 1, 0, `${wanted.import}${carriageReturn}`);
  return { kind: 'edited', after: edited.join('\n') };
}

/** Pure: the registry without the context's lines (unchanged if they are not there). Undoes addToRegistry. */
export function removeFromRegistry(source: string, registered: RegistryLines): string {
  const { lines } = splitLines(source);
  const importIndex = lines.findIndex((line) => line.trim() === registered.import);
  const entryIndex = lines.findIndex((line) => line.trim() === registered.entry);
  return lines.filter((_, index) => index !== importIndex && index !== entryIndex).join('\n');
}

/** What to tell someone whose registry we could not edit: the two lines to add by hand. */
export function manualRegistrationHint(wanted: RegistryLines): string {
  return (
    `Add these two lines to ${REGISTRY_FILE} by hand, then run the command again:\n` +
    `    ${wanted.import}      (after the last import)\n` +
    `    ${ENTRY_INDENT}${wanted.entry}      (inside \`export const contexts: readonly BoundedContext[] = [ … ];\`)`
  );
}
