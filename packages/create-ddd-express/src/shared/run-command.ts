import type { CliIo } from './cli-io';
import { reportError } from './report-error';

/** Runs one command to its exit code: whichever bin runs it, a thrown error is reported one way. */
export async function runCommand(io: CliIo, command: (io: CliIo) => Promise<number>): Promise<number> {
  try {
    return await command(io);
  } catch (error) {
    return reportError(error, io.printError, io.env);
  }
}
