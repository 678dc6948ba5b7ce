import { runDdd } from './ddd/program';
import { processIo } from './shared/cli-io';
import { runCommand } from './shared/run-command';

/** Entry point of the `ddd` bin, run inside a generated project; `argv` excludes node and the script. */
export function main(argv: readonly string[]): Promise<number> {
  return runCommand(processIo(), (io) => runDdd(argv, io));
}
