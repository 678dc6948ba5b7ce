import { applyPlanInPlace } from '../../plan/apply-in-place';
import { formatPlan, planToJson } from '../../plan/printer';
import type { CliIo } from '../../shared/cli-io';
import { cliVersion } from '../../shared/package-info';
import { loadTemplates } from '../../templates/load';
import { parseGenerateRequest, recordContext, registerContext, renderContext } from './generate-plan';
import { REGISTRY_FILE } from '../../project/registry';
import { formatOverlong } from './format-overlong';
import { findProjectRoot } from '../../project/project';
import { readBaseStore, readForContext } from '../../project/base-store';
import { pathExists, readManifest, readProjectFile } from '../../project/project-files';

export interface GenerateFlags {
  readonly fields?: string;
  /** false with --no-cache (commander's negated option). */
  readonly cache?: boolean;
  readonly access?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
  readonly force?: boolean;
}

function nextSteps(route: string, directory: string): string {
  const steps: [string, string][] = [
    ['npm test', "run the tests, the new context's included"],
    [route, 'its routes (requests need an access token)'],
    [`${directory}/`, 'the entity, its rules and routes: make them your own'],
  ];
  const width = Math.max(...steps.map(([what]) => what.length));
  return steps.map(([what, why]) => `  ${what.padEnd(width)}  ${why}`).join('\n');
}

/** `ddd generate domain <name>`: validate, read the project, plan, then print or apply the plan. */
export async function generateDomain(nameInput: string, flags: GenerateFlags, io: CliIo): Promise<void> {
  const root = findProjectRoot(io.cwd);
  const request = parseGenerateRequest(nameInput, flags.fields, { cache: flags.cache, access: flags.access });
  const { names } = request;
  const { manifest, manifestText } = await readManifest(root);
  const input = {
    ...request,
    root,
    manifest,
    manifestText,
    registryText: await readProjectFile(root, REGISTRY_FILE),
    contextDirectoryExists: await pathExists(root, names.directory),
    templates: await loadTemplates('domain', io.env),
    templateVersion: cliVersion(),
    force: flags.force ?? false,
    store: await readBaseStore(root, readForContext(manifest, names.context.kebab)),
  };
  // render → format → register → record: each step takes the plan so far and returns the next.
  const { plan: formatted, unformatted } = await formatOverlong(renderContext(input));
  const plan = recordContext(registerContext(formatted, input), input);
  if (flags.json) { io.print(planToJson(plan)); return; }
  const renamed = names.context.kebab === nameInput ? '' : ` ("${nameInput}" → plural "${names.context.kebab}")`;
  const title = `context ${names.context.kebab}${renamed}, entity ${names.entity.pascal}`;
  if (flags.dryRun) { io.print(`Dry run, nothing written. Would generate ${title}:\n${formatPlan(plan)}`); return; }
  await applyPlanInPlace(plan, { overwrite: flags.force ?? false });
  io.print(`Generated ${title}:\n${formatPlan(plan)}\n\nNext steps:\n${nextSteps(names.route, names.directory)}`);
  if (unformatted.length > 0) {
    io.print(`\nLong names made lines overflow in ${unformatted.length} file(s); run npm install, then npm run format.`);
  }
}
