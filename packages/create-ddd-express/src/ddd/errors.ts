import { CliError } from '../shared/cli-error';

/**
 * An expected failure of a domain command: bad input or a project state we refuse to touch. `message` says in one
 * line what is wrong and what to do (`hint` adds lines to copy when one line is not enough); the command prints
 * it and exits non-zero having written nothing. Anything else that is thrown is a bug and keeps its stack trace.
 */
export class DomainCommandError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'DomainCommandError';
  }
}
