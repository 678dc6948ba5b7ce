/**
 * A pack of `.ddd/base/`: many contents in one file, named by the hex of the sha256 of its text plus `.pack`, whose
 * text is a JSON object from the hex of each content's hash to the content, one entry per line in hash order.
 * create-ddd-express writes a new project's whole base as one pack: on a busy disk each file created costs far more
 * than its bytes. Later commands add loose objects instead (base-store.ts).
 */
import { hashContent } from './manifest';

const HASH_PREFIX = 'sha256:';
const PACK_SUFFIX = '.pack';
const HEX_HASH = /^[0-9a-f]{64}$/;

/** Whether a name in `.ddd/base/` is that of a pack. */
export function isPackName(name: string): boolean {
  return name.endsWith(PACK_SUFFIX) && HEX_HASH.test(name.slice(0, -PACK_SUFFIX.length));
}

/** The text of a pack holding `contents` (hash → content). */
export function packText(contents: ReadonlyMap<string, string>): string {
  const entries = [...contents].map(([hash, content]) => [hash.slice(HASH_PREFIX.length), content] as const);
  // Hex keys are never array indices, so the object keeps this order when stringified.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `${JSON.stringify(Object.fromEntries(entries), null, 1)}\n`;
}

/** The file name of the pack whose text is `text`. */
export function packName(text: string): string {
  return `${hashContent(text).slice(HASH_PREFIX.length)}${PACK_SUFFIX}`;
}

/** The entries (hash → content) a pack's text claims to hold, unverified; undefined if it is no pack text. */
export function packEntries(text: string): Map<string, string> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const entries = new Map<string, string>();
  for (const [hex, content] of Object.entries(parsed)) {
    if (!HEX_HASH.test(hex) || typeof content !== 'string') return undefined;
    entries.set(`${HASH_PREFIX}${hex}`, content);
  }
  return entries;
}
