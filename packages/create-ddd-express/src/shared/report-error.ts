import { CliError, formatCliError } from './cli-error';

/** Prints an error the way every entry point does and returns the exit code to end with. */
export function reportError(error: unknown, printError: (text: string) => void, env = process.env): number {
  if (error instanceof CliError) {
    printError(formatCliError(error));
    return error.exitCode;
  }
  // Unexpected errors (permissions, full disk, bugs): the message is usually enough; DEBUG shows where.
  const message = error instanceof Error ? error.message : String(error);
  printError(`Error: ${message}`);
  if (env.DEBUG && error instanceof Error && error.stack) printError(error.stack);
  else printError('Set DEBUG=1 to see the stack trace.');
  return 1;
}
