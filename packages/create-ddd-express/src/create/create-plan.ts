import type { FileWrite, Plan } from '../plan/plan';
import type { TemplateFile } from '../templates/render';
import { basePackSteps } from '../project/base-store';
import { LOCKFILE } from '../project/lockfile';
import { hashContent, MANIFEST_FILE, manifestText, parseManifest, type ProjectRecord } from '../project/manifest';
import { ENV_FILE, isRecorded, renderProject, type ProjectInputs } from '../project/project-render';
import { injectSecrets, randomSecret, type SecretGenerator } from './secrets';

export interface CreatePlanInput extends ProjectInputs {
  /** Injected so tests get stable secrets. */
  readonly generateSecret?: SecretGenerator;
}

const ENV_EXAMPLE = '.env.example';

/**
 * Pure: the files of a new project, from its templates; nothing is read or written. ddd.json records the inputs
 * and the hash of every file, and `.ddd/base/` their content, so that `ddd upgrade` can merge newer templates in.
 */
export function buildCreatePlan(input: CreatePlanInput, templates: readonly TemplateFile[]): Plan {
  const writes = renderProject(input, templates);
  const envExample = writes.find((step) => step.path === ENV_EXAMPLE);
  // `.env` is never a template: it is gitignored, and each project needs its own secrets.
  if (envExample && !writes.some((step) => step.path === ENV_FILE)) {
    writes.push({ kind: 'write', path: ENV_FILE, content: injectSecrets(envExample.content, input.generateSecret ?? randomSecret) });
  }
  return { root: input.targetDir, steps: withRecord(writes, input) };
}

/** ddd.json (when the templates have one) gains the project record, and `.ddd/base/` a pack of the recorded contents. */
function withRecord(writes: readonly FileWrite[], input: CreatePlanInput): FileWrite[] {
  if (!writes.some((step) => step.path === MANIFEST_FILE)) return [...writes];
  const lockfile = writes.find((step) => step.path === LOCKFILE);
  // Each recorded content hashed once: the record names it by its hash, and the store's pack keys it by that hash.
  const hashed = writes.filter((step) => isRecorded(step.path)).map((step) => ({ step, hash: hashContent(step.content) }));
  const project: ProjectRecord = {
    name: input.projectName,
    packageManager: input.packageManager,
    files: Object.fromEntries(hashed.map(({ step, hash }) => [step.path, hash])),
    ...(lockfile !== undefined && { lockfile: hashContent(lockfile.content) }),
  };
  const recorded = writes.map((step): FileWrite => {
    if (step.path !== MANIFEST_FILE) return step;
    return { ...step, content: manifestText(parseManifest(step.content), { project }) };
  });
  const fresh = new Map(hashed.map(({ step, hash }) => [hash, step.content]));
  return [...recorded, ...basePackSteps(fresh)];
}
