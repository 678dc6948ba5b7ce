/**
 * `ddd upgrade`, pure: the project and each recorded context rendered with the newer templates ("ours") are merged
 * file by file into what is on disk ("theirs") against what the generator wrote ("base", from `.ddd/base/`); the
 * record then holds the new base. See docs/upgrading.md.
 */
import type { FileWrite, Plan, PlanStep } from '../../plan/plan';
import { baseContent, baseStoreSteps, contentsByHash, type BaseStore } from '../../project/base-store';
import { LOCKFILE } from '../../project/lockfile';
import type { Manifest, ProjectRecord } from '../../project/manifest';
import { contextAsFound, hashContent, MANIFEST_FILE, manifestText } from '../../project/manifest';
import { hashesOf, isRecorded, PACKAGE_JSON } from '../../project/project-render';
import { REGISTRY_FILE } from '../../project/registry';
import { CliError } from '../../shared/cli-error';
import { withRegistrations } from '../generate-domain/generate-plan';
import { mergeFile, type FileOutcome } from './file-merge';
import { mergeLockfile } from './lockfile-merge';
import { mergePackageJson } from './package-json-merge';
import { applyMoves, type TemplateMove } from './template-moves';

export interface UpgradeInput {
  readonly root: string;
  readonly manifest: Manifest;
  readonly project: ProjectRecord;
  readonly manifestText: string;
  readonly store: BaseStore;
  /** The installed CLI's version: the record's new templateVersion. */
  readonly templateVersion: string;
  /** The project's files as the new templates write them (no `.env`; the lockfile is refitted below). */
  readonly projectFiles: readonly FileWrite[];
  /** Each recorded context's files as the new templates write them. */
  readonly contextFiles: Readonly<Record<string, readonly FileWrite[]>>;
  /** The tested lockfile fitted to a package.json; undefined when the package manager writes its own. */
  readonly fitLockfile: ((packageJson: string) => string) | undefined;
  /** What is on disk now, for every path of pathsToRead(). */
  readonly current: ReadonlyMap<string, string | undefined>;
  readonly moves: readonly TemplateMove[];
}

export type ReportedOutcome = FileOutcome['kind'] | 'moved';

export interface FileReport {
  readonly path: string;
  readonly outcome: ReportedOutcome;
  readonly reason?: string;
  readonly notes?: readonly string[];
}

export interface UpgradePlan {
  readonly plan: Plan;
  /** Every file an upgrade looked at except those it leaves alone with nothing to say. */
  readonly files: readonly FileReport[];
  /** The newer templates differ from the recorded base (or the record names another version). */
  readonly behind: boolean;
}

/** What planning needs besides the disk. */
type Rendered = Omit<UpgradeInput, 'current'>;

/** The files as the new templates write them, the registry with the recorded registrations. */
function oursOf(input: Rendered): Map<string, string> {
  const ours = new Map<string, string>();
  for (const file of input.projectFiles) if (isRecorded(file.path)) ours.set(file.path, file.content);
  const registry = ours.get(REGISTRY_FILE);
  if (registry !== undefined) ours.set(REGISTRY_FILE, withRegistrations(registry, input.manifest));
  for (const files of Object.values(input.contextFiles)) for (const file of files) ours.set(file.path, file.content);
  return ours;
}

function baseOf(input: Rendered): Map<string, string> {
  const records = [input.project.files, ...Object.values(input.manifest.contexts).map((record) => record.files)];
  return new Map(records.flatMap((files) => Object.entries(files).map(([file, hash]) => [file, baseContent(input.store, hash, file)])));
}

/** Every path the plan reads: the recorded ones, the new ones, package.json, the lockfile and moved files. */
export function pathsToRead(input: Rendered): string[] {
  const paths = [...baseOf(input).keys(), ...oursOf(input).keys(), PACKAGE_JSON, LOCKFILE, ...input.moves.map((move) => move.from)];
  return [...new Set(paths)].sort();
}

type Report = FileReport & { readonly content?: string };

function reportOf(file: string, outcome: FileOutcome): Report {
  return {
    path: file,
    outcome: outcome.kind,
    ...('reason' in outcome && { reason: outcome.reason }),
    ...('content' in outcome && { content: outcome.content }),
  };
}

/** Merged by structure only when both sides changed it, so that an untouched file keeps its formatting. */
function packageJsonReport(base: string | undefined, theirs: string | undefined, ours: string | undefined): Report {
  if (theirs === undefined || ours === undefined || base === undefined || base === theirs || base === ours) {
    return reportOf(PACKAGE_JSON, mergeFile(base, theirs, ours));
  }
  const merged = parsing(PACKAGE_JSON, () => mergePackageJson(base, theirs, ours));
  if (merged.content === theirs) return { path: PACKAGE_JSON, outcome: 'unchanged' };
  return { path: PACKAGE_JSON, outcome: 'merged', content: merged.content, notes: merged.notes };
}

/** A file the merge must parse, when it is not JSON, is the user's to fix: a CliError, never a stack trace. */
function parsing<T>(file: string, merge: () => T): T {
  try {
    return merge();
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new CliError(`${file} is not valid JSON (${error.message}); nothing was changed`, `Fix ${file}, then run ddd upgrade again.`);
  }
}

function lockfileReport(theirs: string | undefined, fitted: string): Report {
  const merged = parsing(LOCKFILE, () => mergeLockfile(theirs, fitted));
  if (merged.content === theirs) return { path: LOCKFILE, outcome: 'unchanged' };
  const notes = merged.carried > 0 ? [`${merged.carried} entries of your own dependencies carried over`] : [];
  return { path: LOCKFILE, outcome: theirs === undefined ? 'added' : 'replaced', content: merged.content, notes };
}

function stepFor(report: Report, current: string | undefined): PlanStep | undefined {
  if (report.content !== undefined) {
    if (current === undefined) return { kind: 'write', path: report.path, content: report.content };
    return { kind: 'edit', path: report.path, before: current, after: report.content, summary: report.outcome };
  }
  if ((report.outcome === 'removed' || report.outcome === 'moved') && current !== undefined) {
    return { kind: 'delete', path: report.path, before: current };
  }
  return undefined;
}

/**
 * npm projects: the hash of the newly tested lockfile (fitted to the template's package.json), and the lockfile
 * step, only when that lockfile or the project's package.json changed: otherwise the user's lockfile, with
 * whatever they locked since, stays as it is.
 */
function lockfileOf(
  input: UpgradeInput,
  ours: ReadonlyMap<string, string>,
  mergedPackageJson: string | undefined,
): { readonly tested?: string; readonly report?: Report } {
  const fit = input.fitLockfile;
  const template = ours.get(PACKAGE_JSON);
  const packageJson = mergedPackageJson ?? input.current.get(PACKAGE_JSON);
  if (fit === undefined || template === undefined || packageJson === undefined) return {};
  const tested = hashContent(parsing(PACKAGE_JSON, () => fit(template)));
  if (mergedPackageJson === undefined && tested === input.project.lockfile) return { tested };
  return { tested, report: lockfileReport(input.current.get(LOCKFILE), parsing(PACKAGE_JSON, () => fit(packageJson))) };
}

/** A moved file is new on disk at its path: whatever the merge left as it was is written there, the user's. */
function atNewPath(report: Report, theirs: string | undefined, from: string): Report {
  if (report.content !== undefined || theirs === undefined) return report;
  return { path: report.path, outcome: 'added', content: theirs, reason: `your ${from}, which the template moved here` };
}

/** ddd.json with the new version and base, and `.ddd/base/` holding exactly what it names. */
function recordSteps(input: UpgradeInput, ours: ReadonlyMap<string, string>, lockfile: string | undefined): PlanStep[] {
  const projectFiles = input.projectFiles.map((file) => ({ ...file, content: ours.get(file.path) ?? file.content }));
  const { lockfile: _old, ...recorded } = input.project;
  const project: ProjectRecord = { ...recorded, files: hashesOf(projectFiles), ...(lockfile !== undefined && { lockfile }) };
  const contexts = Object.fromEntries(
    Object.keys(input.manifest.contexts).map((name) => {
      const files = hashesOf([...(input.contextFiles[name] ?? [])]);
      return [name, { ...contextAsFound(input.manifest, name), templateVersion: input.templateVersion, files }];
    }),
  );
  const records = [project.files, ...Object.values(contexts).map((context) => context.files)];
  const base = baseStoreSteps(input.store, records, contentsByHash([...ours.values()].map((content) => ({ content }))));
  const after = manifestText(input.manifest, { templateVersion: input.templateVersion, project, contexts });
  if (after === input.manifestText) return base;
  return [...base, { kind: 'edit', path: MANIFEST_FILE, before: input.manifestText, after, summary: 'record the new base' }];
}

/** Whether the new templates make anything other than the recorded base, or carry another version. */
function isBehind(input: UpgradeInput, base: ReadonlyMap<string, string>, ours: ReadonlyMap<string, string>): boolean {
  if (input.manifest.templateVersion !== input.templateVersion) return true;
  return [...ours].some(([file, content]) => base.get(file) !== content) || [...base.keys()].some((file) => !ours.has(file));
}

export function buildUpgradePlan(input: UpgradeInput): UpgradePlan {
  const ours = oursOf(input);
  const { base, theirs, reports: moves, movedTo } = applyMoves(baseOf(input), input.current, ours, input.moves);
  const reports: Report[] = [...moves];
  for (const file of [...new Set([...base.keys(), ...ours.keys()])].sort()) {
    const [b, t, o] = [base.get(file), theirs.get(file), ours.get(file)];
    const report = file === PACKAGE_JSON ? packageJsonReport(b, t, o) : reportOf(file, mergeFile(b, t, o));
    reports.push(movedTo.has(file) ? atNewPath(report, t, movedTo.get(file) ?? '') : report);
  }
  const lockfile = lockfileOf(input, ours, reports.find((report) => report.path === PACKAGE_JSON)?.content);
  if (lockfile.report !== undefined) reports.push(lockfile.report);
  const fileSteps = reports.flatMap((report) => stepFor(report, input.current.get(report.path)) ?? []);
  const files = reports.filter((report) => report.outcome !== 'unchanged').map(({ content: _content, ...report }) => report);
  const steps = [...fileSteps, ...recordSteps(input, ours, lockfile.tested)];
  const behind = movedTo.size > 0 || lockfile.tested !== input.project.lockfile || isBehind(input, base, ours);
  return { plan: { root: input.root, steps }, files, behind };
}
