import { Command, CommanderError } from 'commander';
import { registerDomainCommands } from './ddd/program';
import { DomainCommandError } from './ddd/errors';
import { cliVersion } from './shared/package-info';
import { reportError } from './shared/report-error';

/** Entry point of the `ddd` bin, run inside a generated project; `argv` excludes node and the script. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('ddd')
    .description('Grow a project made by create-ddd-express.')
    .version(cliVersion(), '-v, --version')
    .showHelpAfterError('(run ddd --help for usage)')
    .exitOverride();
  registerDomainCommands(program);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    // Subcommands may set an exit code without throwing (e.g. "nothing written, edit by hand").
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof DomainCommandError) {
      console.error(`Error: ${error.message}`);
      return 1;
    }
    return reportError(error, (text) => console.error(text));
  }
}
