/**
 * What an upgrade does to one file, from three versions of it: `base` (as the generator wrote it, from the
 * record), `theirs` (on disk now) and `ours` (as the newer templates write it). `undefined` means "no such file".
 */
import { merge } from 'node-diff3';

export type FileOutcome =
  /** Nothing to write: the template did not change it, or the user already has the new version. */
  | { readonly kind: 'unchanged' }
  /** The user had not changed it: the new version replaces it. */
  | { readonly kind: 'replaced'; readonly content: string }
  /** Both changed it, in different places: merged. */
  | { readonly kind: 'merged'; readonly content: string }
  /** Both changed the same lines: written with conflict markers for the user to resolve. */
  | { readonly kind: 'conflict'; readonly content: string; readonly reason: string }
  | { readonly kind: 'added'; readonly content: string }
  /** Gone from the template and unchanged by the user. */
  | { readonly kind: 'removed' }
  /** The user's state stays, for the reason given. */
  | { readonly kind: 'kept'; readonly reason: string };

const YOURS_LABEL = 'yours';
const TEMPLATE_LABEL = 'template';

/** diff3 by lines (node-diff3), with git's default conflict markers. */
export function mergeText(base: string, theirs: string, ours: string): { readonly content: string; readonly conflict: boolean } {
  const result = merge(theirs.split('\n'), base.split('\n'), ours.split('\n'), {
    label: { a: YOURS_LABEL, b: TEMPLATE_LABEL },
  });
  return { content: result.result.join('\n'), conflict: result.conflict };
}

function goneFromTemplate(base: string | undefined, theirs: string | undefined): FileOutcome {
  if (theirs === undefined || base === undefined) return { kind: 'unchanged' };
  if (theirs === base) return { kind: 'removed' };
  return { kind: 'kept', reason: 'the template no longer has it; you changed it, so it stays' };
}

function newInTemplate(theirs: string | undefined, ours: string): FileOutcome {
  if (theirs === undefined) return { kind: 'added', content: ours };
  if (theirs === ours) return { kind: 'unchanged' };
  const { content } = mergeText('', theirs, ours);
  return { kind: 'conflict', content, reason: 'the template adds a file where you made one' };
}

export function mergeFile(base: string | undefined, theirs: string | undefined, ours: string | undefined): FileOutcome {
  if (ours === undefined) return goneFromTemplate(base, theirs);
  if (base === undefined) return newInTemplate(theirs, ours);
  if (ours === base || theirs === ours) return { kind: 'unchanged' };
  if (theirs === undefined) return { kind: 'kept', reason: 'you deleted it; it stays deleted' };
  if (theirs === base) return { kind: 'replaced', content: ours };
  const merged = mergeText(base, theirs, ours);
  if (!merged.conflict) return { kind: 'merged', content: merged.content };
  return { kind: 'conflict', content: merged.content, reason: 'you and the template changed the same lines' };
}
