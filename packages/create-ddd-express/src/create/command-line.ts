import type { Command } from 'commander';
import type { CreateFlags } from './options';
import { PACKAGE_MANAGERS, type PackageManager } from '../project/package-manager';

export type ParsedCommandLine =
  | { readonly kind: 'run'; readonly flags: CreateFlags }
  /** Help, version, or a usage error commander already printed. */
  | { readonly kind: 'exit'; readonly exitCode: number };

interface RawOptions {
  readonly yes?: boolean;
  readonly pm?: PackageManager;
  readonly install: boolean;
  readonly git: boolean;
  readonly dryRun?: boolean;
}

/** The switches `parseCommonCommandLine` reads itself, and what each sets. */
const COMMON_SWITCHES: Readonly<Record<string, Partial<Pick<CreateFlags, 'yes' | 'install' | 'git' | 'dryRun'>>>> = {
  '-y': { yes: true },
  '--yes': { yes: true },
  '--no-install': { install: false },
  '--no-git': { git: false },
  '--dry-run': { dryRun: true },
};

/**
 * The command lines people and scripts type most (`my-api --yes --no-install --no-git`: one directory and switches
 * without values), read without commander, which costs ~7 ms to load and set up, a tenth of the whole command.
 * Anything else (help, version, --pm, an unknown flag, a second argument, `--`) is commander's: undefined. The
 * result is commander's own for every line it accepts (command-line.test.ts compares them).
 */
export function parseCommonCommandLine(argv: readonly string[]): CreateFlags | undefined {
  let flags: CreateFlags = { directory: undefined, yes: false, packageManager: undefined, install: undefined, git: true, dryRun: false };
  for (const arg of argv) {
    if (!arg.startsWith('-')) {
      if (flags.directory !== undefined) return undefined;
      flags = { ...flags, directory: arg };
      continue;
    }
    const set = Object.hasOwn(COMMON_SWITCHES, arg) ? COMMON_SWITCHES[arg] : undefined;
    if (set === undefined) return undefined;
    flags = { ...flags, ...set };
  }
  return flags;
}

export function parseCreateCommandLine(argv: readonly string[], version: string): ParsedCommandLine {
  const common = parseCommonCommandLine(argv);
  return common === undefined ? parseWithCommander(argv, version) : { kind: 'run', flags: common };
}

/** Every command line, help and errors included. */
export function parseWithCommander(argv: readonly string[], version: string): ParsedCommandLine {
  // Loaded here only: the common command lines never need it (see parseCommonCommandLine).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Command, CommanderError, Option } = require('commander') as typeof import('commander');
  let flags: CreateFlags | undefined;
  const program = new Command('create-ddd-express')
    .description('Create an Express 5 + TypeScript server organised by bounded context (DDD).')
    .argument('[directory]', 'where to create the project; its last segment becomes the package name')
    .option('-y, --yes', 'use the defaults for everything not given; never ask')
    .addOption(
      new Option('--pm <manager>', 'package manager (default: the one running this command)').choices(PACKAGE_MANAGERS),
    )
    .option('--no-install', 'do not install dependencies')
    .option('--no-git', 'do not create a git repository')
    .option('--dry-run', 'print the files that would be created and write nothing')
    .version(version, '-v, --version')
    .showHelpAfterError('(run create-ddd-express --help for usage)')
    .exitOverride()
    .action((directory: string | undefined, raw: RawOptions, command: Command) => {
      flags = {
        directory,
        yes: raw.yes === true,
        packageManager: raw.pm,
        // `--no-install` defaults `install` to true; only an explicit flag settles the question without asking.
        install: command.getOptionValueSource('install') === 'cli' ? raw.install : undefined,
        git: raw.git,
        dryRun: raw.dryRun === true,
      };
    });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { kind: 'exit', exitCode: error.exitCode };
    throw error;
  }
  if (!flags) throw new Error('commander did not call the action');
  return { kind: 'run', flags };
}
