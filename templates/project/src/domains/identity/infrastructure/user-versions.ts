/** The version a user stored before versions existed reads as: the first change then stores version 1. */
export const UNVERSIONED = 0;

/**
 * The filter (MongoDB's query language, which NeDB shares) for a user stored at `version`. Version 0 is a user
 * stored before versions existed, which has no `version` field at all.
 */
export function storedAt(version: number): { version: number } | { version: { $exists: false } } {
  return version === UNVERSIONED ? { version: { $exists: false } } : { version };
}
