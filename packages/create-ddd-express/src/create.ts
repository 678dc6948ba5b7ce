import { runCreate } from './create/run-create';
import { processIo } from './shared/cli-io';
import { runCommand } from './shared/run-command';

/** Entry point of the `create-ddd-express` bin; `argv` excludes node and the script. Returns the exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(processIo(), (io) => runCreate(argv, io));
}
