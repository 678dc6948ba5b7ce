import type { Command } from 'commander';
import { CliError, formatCliError } from '../shared/cli-error';
import type { DestroyFlags } from './destroy-domain/destroy-command';
import { destroyDomain } from './destroy-domain/destroy-command';
import type { GenerateFlags } from './generate-domain/generate-command';
import { generateDomain } from './generate-domain/generate-command';
import type { DomainCommandIo } from './io';
import { processIo } from './io';

const FIELDS_HELP =
  'space-separated name:type[?][:unique|:index]; types string number integer boolean date enum(a|b|c); ' +
  '"?" marks optional (default: "name:string")';

function subcommandGroup(program: Command, name: string, description: string): Command {
  return program.commands.find((command) => command.name() === name) ?? program.command(name).description(description);
}

/** Runs a command, turning expected failures into one printed error and a non-zero exit code. */
function reporting<A extends unknown[]>(io: DomainCommandIo, run: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await run(...args);
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      io.printError(formatCliError(error));
      io.setExitCode(error.exitCode);
    }
  };
}

/** Adds `generate domain` and `destroy domain` to the `ddd` program. */
export function registerDomainCommands(program: Command, io: DomainCommandIo = processIo()): void {
  subcommandGroup(program, 'generate', 'add code to the project')
    .command('domain <name>')
    .description('add a complete, registered bounded context (e.g. ddd generate domain orders --fields "total:number")')
    .option('--fields <spec>', FIELDS_HELP)
    .option('--dry-run', 'print the files it would write and the edits, and change nothing')
    .option('--json', 'print the plan as JSON, and change nothing')
    .option('--force', 'overwrite the files of an existing context')
    .action(reporting(io, (name: string, flags: GenerateFlags) => generateDomain(name, flags, io)));

  subcommandGroup(program, 'destroy', 'remove code that ddd generated')
    .command('domain <name>')
    .description('remove a generated context: its files, its registration and its manifest entry')
    .option('--dry-run', 'print the files it would remove and the edits, and change nothing')
    .option('--json', 'print the plan as JSON, and change nothing')
    .option('--force', 'remove it even if its files changed since generation')
    .action(reporting(io, (name: string, flags: DestroyFlags) => destroyDomain(name, flags, io)));
}
