import { isatty } from 'node:tty';

/** What a command needs from the outside world; tests pass their own to run either command in-process. */
export interface CliIo {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether a person can answer prompts. */
  readonly interactive: boolean;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
}

export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    // isatty(0) rather than process.stdin.isTTY: touching process.stdin opens a stream we do not need.
    interactive: isatty(0),
    print: (text) => console.log(text),
    printError: (text) => console.error(text),
  };
}
