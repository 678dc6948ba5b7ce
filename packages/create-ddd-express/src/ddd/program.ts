import { Command, CommanderError } from 'commander';
import type { CliIo } from '../shared/cli-io';
import { cliVersion } from '../shared/package-info';
import type { DestroyFlags } from './destroy-domain/destroy-command';
import type { GenerateFlags } from './generate-domain/generate-command';
import type { UpgradeFlags } from './upgrade/upgrade-command';

/*
 * Each command's modules are loaded when it runs: `ddd generate` does not pay for the upgrade's merge machinery
 * (node-diff3, the lockfile merge, …), nor the others for it. require, not import(): a dynamic import would start
 * Node's ESM loader, which costs more than these modules.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const onUse = {
  destroy: () => require('./destroy-domain/destroy-command') as typeof import('./destroy-domain/destroy-command'),
  generate: () => require('./generate-domain/generate-command') as typeof import('./generate-domain/generate-command'),
  upgrade: () => require('./upgrade/upgrade-command') as typeof import('./upgrade/upgrade-command'),
};
/* eslint-enable @typescript-eslint/no-require-imports */

const FIELDS_HELP =
  'space-separated name:type[?][:unique|:index]; types string number integer boolean date enum(a|b|c); ' +
  '"?" marks optional (default: "name:string")';

/**
 * The `ddd` program, run inside a generated project: parses `argv` and runs the command it names. Returns the exit
 * code; errors (CliError for what the user can fix) are thrown to the caller, which reports them.
 */
export async function runDdd(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('ddd')
    .description('Grow a project made by create-ddd-express.')
    .version(cliVersion(), '-v, --version')
    .showHelpAfterError('(run ddd --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.print(text.trimEnd()), writeErr: (text) => io.printError(text.trimEnd()) });

  program
    .command('generate')
    .description('add code to the project')
    .command('domain <name>')
    .description('add a complete, registered bounded context (e.g. ddd generate domain orders --fields "total:number")')
    .option('--fields <spec>', FIELDS_HELP)
    .option('--no-cache', 'read its records by id from the database every time (default: through the cache)')
    .option('--access <model>', 'who may do what: owner (default), shared (all read, owners write) or admin')
    .option('--dry-run', 'print the files it would write and the edits, and change nothing')
    .option('--json', 'print the plan as JSON, and change nothing')
    .option('--force', 'overwrite the files of an existing context')
    .action((name: string, flags: GenerateFlags) => onUse.generate().generateDomain(name, flags, io));

  program
    .command('destroy')
    .description('remove code that ddd generated')
    .command('domain <name>')
    .description('remove a generated context: its files, its registration and its manifest entry')
    .option('--dry-run', 'print the files it would remove and the edits, and change nothing')
    .option('--json', 'print the plan as JSON, and change nothing')
    .option('--force', 'remove it even if its files changed since generation')
    .action((name: string, flags: DestroyFlags) => onUse.destroy().destroyDomain(name, flags, io));

  let exitCode = 0;
  program
    .command('upgrade')
    .description('merge what the installed create-ddd-express templates make now into the project, keeping your changes')
    .option('--check', 'exit 1 when the project is behind the installed templates (for CI), and change nothing')
    .option('--dry-run', 'print what would happen to each file, and change nothing')
    .option('--json', 'print the per-file outcomes and the plan as JSON, and change nothing')
    .option('--force', 'upgrade even with uncommitted changes in the git tree (with --adopt: record unproven files as they are)')
    .option('--adopt', 'record the files as generated in a project made before upgrades existed, so that it can upgrade')
    .action(async (flags: UpgradeFlags) => {
      exitCode = await onUse.upgrade().upgradeProject(flags, io);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    throw error;
  }
}
