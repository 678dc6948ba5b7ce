/**
 * package.json is merged by structure, not by text: key by key at the top level and inside each object there,
 * three ways (as generated, as the user has it, as the new templates write it). Dependency versions follow the
 * new version map; everything else the user changed stays theirs, with a note when the template changed it too.
 */
type Json = unknown;
type JsonObject = Record<string, Json>;

const DEPENDENCY_SECTIONS = new Set(['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']);

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(value: Json): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

interface Merged {
  readonly value: Json;
  readonly note?: string;
}

/**
 * One key, three ways; `undefined` is "absent". On a real conflict a dependency the user still has takes the
 * template's version; anything else stays the user's.
 */
function mergeValue(where: string, base: Json, theirs: Json, ours: Json, templateWins: boolean): Merged {
  if (same(theirs, base)) return { value: ours };
  if (same(ours, base) || same(theirs, ours)) return { value: theirs };
  if (templateWins && ours !== undefined && theirs !== undefined) {
    return { value: ours, note: `${where}: ${show(ours)} from the version map replaces your ${show(theirs)}` };
  }
  return { value: theirs, note: `${where}: kept your ${show(theirs)}; the template now has ${show(ours)}` };
}

/** Keys in the user's order, then the template's new ones in its order. */
function keysOf(theirs: JsonObject, ours: JsonObject): string[] {
  return [...new Set([...Object.keys(theirs), ...Object.keys(ours)])];
}

function mergeObject(where: string, base: JsonObject, theirs: JsonObject, ours: JsonObject, notes: string[], depth: number): JsonObject {
  const merged: JsonObject = {};
  for (const key of keysOf(theirs, ours)) {
    const path = where === '' ? key : `${where}.${key}`;
    const [b, t, o] = [base[key], theirs[key], ours[key]];
    if (depth === 0 && isObject(t) && isObject(o) && !same(t, o)) {
      merged[key] = mergeObject(path, isObject(b) ? b : {}, t, o, notes, depth + 1);
      continue;
    }
    const templateWins = depth === 1 && DEPENDENCY_SECTIONS.has(where);
    const { value, note } = mergeValue(path, b, t, o, templateWins);
    if (note !== undefined) notes.push(note);
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}

export interface PackageJsonMerge {
  readonly content: string;
  /** One line per key where the user's value and the template's both changed. */
  readonly notes: readonly string[];
}

/** Throws SyntaxError when a side is not JSON; the caller turns it into a message. */
export function mergePackageJson(base: string | undefined, theirs: string, ours: string): PackageJsonMerge {
  const parse = (text: string): JsonObject => {
    const value: Json = JSON.parse(text);
    if (!isObject(value)) throw new SyntaxError('not a JSON object');
    return value;
  };
  const notes: string[] = [];
  const merged = mergeObject('', base === undefined ? {} : parse(base), parse(theirs), parse(ours), notes, 0);
  return { content: `${JSON.stringify(merged, null, 2)}\n`, notes };
}
