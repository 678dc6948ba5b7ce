import { applyPlanInPlace } from '../../plan/apply-in-place';
import { formatPlan, planToJson } from '../../plan/printer';
import { buildDestroyPlan, findContextRecord } from './destroy-plan';
import type { CliIo } from '../../shared/cli-io';
import { findProjectRoot } from '../../project/project';
import { readBaseStore, readForContext } from '../../project/base-store';
import { readManifest, readProjectFile } from '../../project/project-files';

export interface DestroyFlags {
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly force?: boolean;
}

/** `ddd destroy domain <name>`: undo exactly what `ddd generate domain` recorded in ddd.json. */
export async function destroyDomain(nameInput: string, flags: DestroyFlags, io: CliIo): Promise<void> {
  const root = findProjectRoot(io.cwd);
  const { manifest, manifestText } = await readManifest(root);
  const { name, record } = findContextRecord(manifest, nameInput);
  const files = Object.keys(record.files);
  const contents = await Promise.all(files.map((file) => readProjectFile(root, file)));
  const plan = buildDestroyPlan({
    root, name, record, manifest, manifestText,
    currentFiles: new Map(files.map((file, index) => [file, contents[index]])),
    registryText: await readProjectFile(root, record.registry.file),
    force: flags.force ?? false,
    store: await readBaseStore(root, readForContext(manifest, name)),
  });
  if (flags.json) { io.print(planToJson(plan)); return; }
  if (flags.dryRun) { io.print(`Dry run, nothing written. Would destroy context ${name}:\n${formatPlan(plan)}`); return; }
  await applyPlanInPlace(plan);
  io.print(`Destroyed context ${name}:\n${formatPlan(plan)}`);
}
