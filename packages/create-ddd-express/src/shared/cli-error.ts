/**
 * An error the user can act on: `message` says what is wrong in one line, `hint` says what to do about it.
 * Entry points print it without a stack trace; anything else reaching them is a bug and keeps its stack.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function formatCliError(error: CliError): string {
  return error.hint ? `Error: ${error.message}\n${error.hint}` : `Error: ${error.message}`;
}
