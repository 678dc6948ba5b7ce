/**
 * `ddd upgrade --adopt`, pure: a project made before upgrades existed gets the record they need — the project's
 * inputs, and the content each file had as generated — found in places that prove it (see adopt-command.ts).
 * The record's template version stays the one the project was made with; `ddd upgrade` then moves it on.
 */
import type { Plan } from '../../plan/plan';
import { baseStoreSteps, contentsByHash, type BaseStore } from '../../project/base-store';
import type { Manifest, ProjectRecord } from '../../project/manifest';
import { contextAsFound, hashContent, MANIFEST_FILE, manifestText } from '../../project/manifest';
import { REGISTRY_FILE } from '../../project/registry';
import { CliError } from '../../shared/cli-error';
import { withRegistrations } from '../generate-domain/generate-plan';

/** A file's content as generated, and where that was found. */
export interface FoundBase {
  readonly content: string;
  readonly source: string;
}

export interface AdoptInput {
  readonly root: string;
  readonly manifest: Manifest;
  readonly manifestText: string;
  readonly name: string;
  readonly packageManager: string;
  /** Project files (not the contexts') → their content as generated; the registry without registrations. */
  readonly projectBases: ReadonlyMap<string, FoundBase>;
  /** Context files → their content as generated. */
  readonly contextBases: ReadonlyMap<string, FoundBase>;
  /** Files no source vouches for → their content now (undefined: missing) and whose they are. */
  readonly unverified: ReadonlyMap<string, Unverified>;
  /** Take the unverified files' current content as generated. */
  readonly force: boolean;
  /** What `.ddd/base/` holds already (a previous adoption that was not kept, say). */
  readonly store: BaseStore;
}

export interface Unverified {
  readonly current: string | undefined;
  readonly ofContext: boolean;
}

export interface AdoptPlan {
  readonly plan: Plan;
  /** Source → how many files' base came from it. */
  readonly sources: ReadonlyMap<string, number>;
}

const AS_THEY_ARE = 'taken as they are now (--force)';

function refuse(unverified: ReadonlyMap<string, Unverified>): never {
  const files = [...unverified.keys()];
  const shown = files.slice(0, 8).join(', ') + (files.length > 8 ? `, … (${files.length} in all)` : '');
  throw new CliError(
    `cannot tell how ${files.length} file(s) looked as generated: ${shown}; nothing was changed`,
    'Neither their recorded hash, nor the commit create-ddd-express made, nor another commit has them as generated. ' +
      'Pass --force to take their content now as generated: an upgrade will then treat your changes to them as ' +
      "the template's, so review its diff of them.",
  );
}

export function buildAdoptPlan(input: AdoptInput): AdoptPlan {
  if (input.unverified.size > 0 && !input.force) refuse(input.unverified);
  const projectBases = new Map(input.projectBases);
  const contextBases = new Map(input.contextBases);
  for (const [file, { current, ofContext }] of input.unverified) {
    if (current !== undefined) (ofContext ? contextBases : projectBases).set(file, { content: current, source: AS_THEY_ARE });
  }
  const registry = projectBases.get(REGISTRY_FILE);
  if (registry !== undefined) {
    projectBases.set(REGISTRY_FILE, { ...registry, content: withRegistrations(registry.content, input.manifest) });
  }
  const hashes = (bases: ReadonlyMap<string, FoundBase>): Record<string, string> =>
    Object.fromEntries([...bases].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([file, found]) => [file, hashContent(found.content)]));
  const project: ProjectRecord = { name: input.name, packageManager: input.packageManager, files: hashes(projectBases) };
  const contexts = Object.fromEntries(
    Object.entries(input.manifest.contexts).map(([name, record]) => {
      const files = Object.fromEntries(Object.keys(record.files).flatMap((file) => {
        const found = contextBases.get(file);
        return found === undefined ? [] : [[file, hashContent(found.content)]];
      }));
      return [name, { ...contextAsFound(input.manifest, name), files }];
    }),
  );
  const all = [...projectBases.values(), ...contextBases.values()];
  const records = [project.files, ...Object.values(contexts).map((record) => record.files)];
  const base = baseStoreSteps(input.store, records, contentsByHash(all));
  const after = manifestText(input.manifest, { project, contexts });
  const sources = new Map<string, number>();
  for (const found of all) sources.set(found.source, (sources.get(found.source) ?? 0) + 1);
  return {
    plan: { root: input.root, steps: [...base, { kind: 'edit', path: MANIFEST_FILE, before: input.manifestText, after, summary: 'record the project as generated' }] },
    sources,
  };
}
