/**
 * The npm lockfile after an upgrade: the newly tested one, fitted to the merged package.json, plus every entry of
 * the user's lockfile it lacks (the trees of the user's own dependencies), so that `npm install` keeps the versions
 * the user had for those and installs the tested set for the rest. Text is never merged: a lockfile is data.
 */
import { sortedByPath } from '../../project/lockfile';

interface Lockfile {
  readonly packages?: Readonly<Record<string, unknown>>;
  readonly [field: string]: unknown;
}

export interface LockfileMerge {
  readonly content: string;
  /** How many entries came from the user's lockfile. */
  readonly carried: number;
}

function versionOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null && 'version' in entry ? entry.version : undefined;
}

/** Whether every package of the tested set is locked at its tested version already (npm rewrites the rest). */
function holdsTestedSet(own: Readonly<Record<string, unknown>>, tested: Readonly<Record<string, unknown>>): boolean {
  return Object.entries(tested).every(([key, entry]) => key === '' || (key in own && versionOf(own[key]) === versionOf(entry)));
}

export function mergeLockfile(theirs: string | undefined, fitted: string): LockfileMerge {
  if (theirs === undefined) return { content: fitted, carried: 0 };
  const tested = JSON.parse(fitted) as Lockfile;
  const own = JSON.parse(theirs) as Lockfile;
  const testedPackages = tested.packages ?? {};
  if (holdsTestedSet(own.packages ?? {}, testedPackages)) return { content: theirs, carried: 0 };
  const carried = Object.entries(own.packages ?? {}).filter(([key]) => key !== '' && !(key in testedPackages));
  if (carried.length === 0) return { content: fitted, carried: 0 };
  const packages = sortedByPath({ ...testedPackages, ...Object.fromEntries(carried) });
  return { content: `${JSON.stringify({ ...tested, packages }, null, 2)}\n`, carried: carried.length };
}
