import { CliError } from '../../shared/cli-error';
import type { FileDelete, FileEdit, Plan, PlanStep } from '../../plan/plan';
import type { ContextRecord, Manifest } from '../../project/manifest';
import { MANIFEST_FILE, hashContent, manifestWithoutContext } from '../../project/manifest';
import { deriveContextNames } from '../../bounded-context/names';
import { removeFromRegistry } from '../../project/registry';
import { baseStoreSteps, withRegistryBase, type BaseStore } from '../../project/base-store';

/** The manifest key and record of the context `<name>` designates (`order` and `orders` both find `orders`). */
export function findContextRecord(manifest: Manifest, nameInput: string): { name: string; record: ContextRecord } {
  const name = deriveContextNames(nameInput).context.kebab;
  const record = manifest.contexts[name];
  if (record !== undefined) return { name, record };
  const known = Object.keys(manifest.contexts);
  throw new CliError(
    `no generated context "${name}" in ${MANIFEST_FILE} ` +
      `(${known.length === 0 ? 'it records none' : `it records: ${known.join(', ')}`}); ` +
      'only contexts made by `ddd generate domain` can be destroyed',
  );
}

export interface DestroyInput {
  readonly root: string;
  readonly name: string;
  readonly record: ContextRecord;
  readonly manifest: Manifest;
  readonly manifestText: string;
  /** Current content of each file the record lists; undefined when it is missing. */
  readonly currentFiles: ReadonlyMap<string, string | undefined>;
  /** Current content of the registry file the record names; undefined when it is missing. */
  readonly registryText: string | undefined;
  readonly force: boolean;
  /** `.ddd/base/`, read beforehand; empty in projects without a project record. */
  readonly store: BaseStore;
}

function deletions(input: DestroyInput): FileDelete[] {
  const changed: string[] = [];
  const missing: string[] = [];
  const steps: FileDelete[] = [];
  for (const [file, hash] of Object.entries(input.record.files)) {
    const content = input.currentFiles.get(file);
    if (content === undefined) missing.push(file);
    else {
      if (hashContent(content) !== hash) changed.push(file);
      steps.push({ kind: 'delete', path: file, before: content });
    }
  }
  if (input.force || (changed.length === 0 && missing.length === 0)) return steps;
  const problems = [
    ...(changed.length > 0 ? [`changed since generation: ${changed.join(', ')}`] : []),
    ...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []),
  ];
  throw new CliError(
    `refusing to destroy "${input.name}": ${problems.join('; ')}. ` +
      'Keep your changes elsewhere, or pass --force to remove the files anyway',
  );
}

function registryRevert(input: DestroyInput): FileEdit | undefined {
  const { registry } = input.record;
  if (input.registryText === undefined) return undefined;
  const after = removeFromRegistry(input.registryText, registry);
  if (after === input.registryText) return undefined;
  return {
    kind: 'edit', path: registry.file, before: input.registryText, after,
    summary: `unregister ${registry.entry.replace(/,$/, '')}`,
  };
}

/**
 * Pure: what `ddd destroy domain` would do — delete exactly the recorded files, revert the registry lines and
 * drop the manifest record (and, in a project with a record, the context's base and its registration in the
 * registry's base) — or a CliError listing files changed or missing since generation.
 */
export function buildDestroyPlan(input: DestroyInput): Plan {
  const files = deletions(input);
  const registry = registryRevert(input);
  const { project } = input.manifest;
  const unregister = (text: string): string => removeFromRegistry(text, input.record.registry);
  const recorded = project && withRegistryBase(project, input.store, unregister);
  const manifest: FileEdit = {
    kind: 'edit', path: MANIFEST_FILE, before: input.manifestText,
    after: manifestWithoutContext(input.manifest, input.name, recorded?.project),
    summary: `forget ${input.name} in the manifest`,
  };
  const remaining = Object.entries(input.manifest.contexts).filter(([name]) => name !== input.name);
  const base = recorded === undefined
    ? []
    : baseStoreSteps(input.store, [recorded.project.files, ...remaining.map(([, record]) => record.files)], recorded.fresh);
  const steps: PlanStep[] = [...files, ...(registry === undefined ? [] : [registry]), ...base, manifest];
  return { root: input.root, steps };
}
