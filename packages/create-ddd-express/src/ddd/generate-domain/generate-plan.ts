import { CliError } from '../../shared/cli-error';
import type { FileEdit, FileWrite, Plan } from '../../plan/plan';
import { renderTemplates } from '../../templates/render';
import type { TemplateFile } from '../../templates/render';
import type { FieldSpec } from '../../bounded-context/fields';
import { DEFAULT_FIELDS_SPEC, formatFieldsSpec, parseFieldsSpec } from '../../bounded-context/fields';
import type { ContextRecord, Manifest } from '../../project/manifest';
import { MANIFEST_FILE, hashContent, manifestWithContext } from '../../project/manifest';
import type { ContextNames } from '../../bounded-context/names';
import { assertGeneratableNames, deriveContextNames } from '../../bounded-context/names';
import { REGISTRY_FILE, addToRegistry, manualRegistrationHint, registryLines } from '../../project/registry';
import type { RegistryLines } from '../../project/registry';
import { baseStoreSteps, contentsByHash, withRegistryBase, type BaseStore } from '../../project/base-store';
import { ACCESS_MODELS, type AccessModel, buildTemplateData } from '../../bounded-context/template-data';
import { templateHelpers } from '../../bounded-context/template-helpers';

/** What the user asked for, validated: no disk needed, so bad input fails before anything is read. */
export interface GenerateRequest {
  readonly names: ContextNames;
  readonly fields: readonly FieldSpec[];
  /** Reads by id go through the project's cache (`--no-cache`: false). */
  readonly cache: boolean;
  readonly access: AccessModel;
}

export interface GenerateOptions {
  readonly cache?: boolean;
  readonly access?: string;
}

function parseAccessModel(input: string | undefined): AccessModel {
  const model = ACCESS_MODELS.find((candidate) => candidate === (input ?? 'owner'));
  if (model === undefined) {
    throw new CliError(`invalid --access "${input ?? ''}"; use one of: ${ACCESS_MODELS.join(', ')}`);
  }
  return model;
}

export function parseGenerateRequest(
  nameInput: string,
  fieldsSpec: string | undefined,
  options: GenerateOptions = {},
): GenerateRequest {
  const names = deriveContextNames(nameInput);
  assertGeneratableNames(nameInput, names);
  const access = parseAccessModel(options.access);
  return { names, fields: parseFieldsSpec(fieldsSpec ?? DEFAULT_FIELDS_SPEC), cache: options.cache ?? true, access };
}

/** The project as far as generating a context depends on it, read beforehand by the command. */
export interface GenerateInput extends GenerateRequest {
  /** Absolute project root (where ddd.json is). */
  readonly root: string;
  readonly manifest: Manifest;
  readonly manifestText: string;
  /** Content of src/domains/index.ts, undefined if the file does not exist. */
  readonly registryText: string | undefined;
  readonly contextDirectoryExists: boolean;
  readonly templates: readonly TemplateFile[];
  readonly templateVersion: string;
  readonly force: boolean;
  /** `.ddd/base/`, read beforehand; empty in projects without a project record. */
  readonly store: BaseStore;
}

export interface GeneratePlan {
  readonly plan: Plan;
}

function assertNewContext(input: GenerateInput): void {
  const { names, manifest } = input;
  const recorded = Object.hasOwn(manifest.contexts, names.context.kebab);
  if (input.force || (!recorded && !input.contextDirectoryExists)) return;
  const where = input.contextDirectoryExists ? names.directory : MANIFEST_FILE;
  throw new CliError(
    `context "${names.context.kebab}" already exists (${where}); pick another name, ` +
      `or pass --force to overwrite its files`,
  );
}

/**
 * Step 1: the context's files, rendered from the templates (after checking that the context is new). A template
 * that renders to nothing but whitespace is an option's file the options left out: it writes no file.
 */
export function renderContext(input: GenerateInput): Plan {
  assertNewContext(input);
  return { root: input.root, steps: renderContextFiles(input, input.templates, input.templateVersion) };
}

/** A context's files as the templates make them from the request (what `ddd upgrade` renders anew, too). */
export function renderContextFiles(
  request: GenerateRequest,
  templates: readonly TemplateFile[],
  templateVersion: string,
): FileWrite[] {
  const { names, fields, cache, access } = request;
  const data = buildTemplateData(names, fields, templateVersion, { cache, access });
  const replacements = { __context__: names.context.kebab, __entity__: names.entity.kebab };
  try {
    return renderTemplates(templates, { ...data, ...templateHelpers }, replacements)
      .filter((file) => file.content.trim() !== '')
      .map((file): FileWrite => ({ kind: 'write', path: file.path, content: file.content }));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n').at(-1) : String(error);
    throw new CliError(`a domain template failed to render (${reason}); fix the template`);
  }
}

/** Step 3: the edit that registers the context in src/domains/index.ts (none when it is registered already). */
export function registerContext(plan: Plan, input: GenerateInput): Plan {
  const { names, registryText } = input;
  const wanted = registryLines(names.contextExport, names.context.kebab);
  const edit = registryText === undefined
    ? { kind: 'refused' as const, reason: `${REGISTRY_FILE} does not exist` }
    : addToRegistry(registryText, wanted);
  switch (edit.kind) {
    case 'already-registered':
      return plan;
    case 'refused':
      throw new CliError(
        `cannot register the context in ${REGISTRY_FILE} safely (${edit.reason}); nothing was written`,
        manualRegistrationHint(wanted),
      );
    case 'edited':
      return {
        ...plan,
        steps: [
          ...plan.steps,
          { kind: 'edit', path: REGISTRY_FILE, before: registryText ?? '', after: edit.after, summary: `register ${names.contextExport}` },
        ],
      };
  }
}

/** The registry as the generator left it: with the registration added, whatever the user's copy looks like. */
export function registeredIn(lines: RegistryLines): (registry: string) => string {
  return (registry) => {
    const edit = addToRegistry(registry, lines);
    return edit.kind === 'edited' ? edit.after : registry;
  };
}

/** The registry with the registrations of every context `manifest` records, in its order. */
export function withRegistrations(registry: string, manifest: Manifest): string {
  return Object.values(manifest.contexts).reduce((text, record) => registeredIn(record.registry)(text), registry);
}

/**
 * Step 4: ddd.json records the context: its files with the hashes of their final contents, fields, registry lines;
 * in a project with a record, `.ddd/base/` gets those contents and the registry's base gains the registration.
 */
export function recordContext(plan: Plan, input: GenerateInput): Plan {
  const writes = plan.steps.filter((step): step is FileWrite => step.kind === 'write');
  const lines = registryLines(input.names.contextExport, input.names.context.kebab);
  const record: ContextRecord = {
    templateVersion: input.templateVersion,
    fields: formatFieldsSpec(input.fields),
    cache: input.cache,
    access: input.access,
    files: Object.fromEntries(writes.map((file) => [file.path, hashContent(file.content)])),
    registry: { file: REGISTRY_FILE, ...lines },
  };
  const name = input.names.context.kebab;
  const recorded = input.manifest.project && withRegistryBase(input.manifest.project, input.store, registeredIn(lines));
  const manifest: FileEdit = {
    kind: 'edit', path: MANIFEST_FILE, before: input.manifestText,
    after: manifestWithContext(input.manifest, name, record, recorded?.project),
    summary: `record ${name} in the manifest`,
  };
  if (recorded === undefined) return { ...plan, steps: [...plan.steps, manifest] };
  const contexts = { ...input.manifest.contexts, [name]: record };
  const fresh = new Map([...contentsByHash(writes), ...recorded.fresh]);
  const base = baseStoreSteps(input.store, [recorded.project.files, ...Object.values(contexts).map((context) => context.files)], fresh);
  return { ...plan, steps: [...plan.steps, ...base, manifest] };
}

/**
 * Pure: everything `ddd generate domain` would do — render, register, record — or a CliError explaining why it
 * must not. The command runs the same steps with formatting (formatOverlong, step 2) between render and register.
 */
export function buildGeneratePlan(input: GenerateInput): GeneratePlan {
  return { plan: recordContext(registerContext(renderContext(input), input), input) };
}
