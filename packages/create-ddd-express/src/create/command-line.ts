import { Command, CommanderError, Option } from 'commander';
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

export function parseCreateCommandLine(argv: readonly string[], version: string): ParsedCommandLine {
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
