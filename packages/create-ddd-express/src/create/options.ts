import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { detectPackageManager, type PackageManager } from '../project/package-manager';

/** What the command line said; `undefined` means "not given", so we know what is left to ask. */
export interface CreateFlags {
  readonly directory: string | undefined;
  readonly yes: boolean;
  readonly packageManager: PackageManager | undefined;
  readonly install: boolean | undefined;
  readonly git: boolean;
  readonly dryRun: boolean;
}

export interface CreateOptions {
  /** The directory as the user typed it, for messages. */
  readonly directory: string;
  readonly targetDir: string;
  readonly projectName: string;
  readonly packageManager: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  readonly dryRun: boolean;
}

/** The questions still open; each carries the default to pre-fill. */
export interface OpenQuestions {
  readonly directory?: { readonly initial: string };
  readonly packageManager?: { readonly initial: PackageManager };
  readonly install?: { readonly initial: boolean };
}

export interface Answers {
  readonly directory?: string;
  readonly packageManager?: PackageManager;
  readonly install?: boolean;
}

export interface ResolveContext {
  readonly cwd: string;
  readonly userAgent: string | undefined;
  /** Only a person at a terminal can answer; CI and pipes get defaults (or an error) instead of a hang. */
  readonly interactive: boolean;
  readonly ask: (questions: OpenQuestions) => Promise<Answers>;
}

export const DEFAULT_DIRECTORY = 'my-api';

export async function resolveCreateOptions(flags: CreateFlags, context: ResolveContext): Promise<CreateOptions> {
  const defaultManager = detectPackageManager(context.userAgent);
  const answers = context.interactive && !flags.yes ? await context.ask(openQuestions(flags, defaultManager)) : {};
  const directory = flags.directory ?? answers.directory;
  if (directory === undefined || directory.trim() === '') {
    throw new CliError('Missing project directory.', 'Usage: create-ddd-express <directory> [--yes] (e.g. create-ddd-express my-api)');
  }
  const targetDir = path.resolve(context.cwd, directory);
  return {
    directory,
    targetDir,
    projectName: path.basename(targetDir),
    packageManager: flags.packageManager ?? answers.packageManager ?? defaultManager,
    install: flags.install ?? answers.install ?? true,
    git: flags.git,
    dryRun: flags.dryRun,
  };
}

function openQuestions(flags: CreateFlags, defaultManager: PackageManager): OpenQuestions {
  return {
    ...(flags.directory === undefined && { directory: { initial: DEFAULT_DIRECTORY } }),
    ...(flags.packageManager === undefined && { packageManager: { initial: defaultManager } }),
    ...(flags.install === undefined && { install: { initial: true } }),
  };
}
