import { isatty } from 'node:tty';
import { runCreate } from './create/run-create';
import { reportError } from './shared/report-error';

/** Entry point of the `create-ddd-express` bin; `argv` excludes node and the script. Returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    return await runCreate(argv, {
      cwd: process.cwd(),
      env: process.env,
      // isatty(0) rather than process.stdin.isTTY: touching process.stdin opens a stream we do not need.
      interactive: isatty(0),
      print: (text) => console.log(text),
      printError: (text) => console.error(text),
    });
  } catch (error) {
    return reportError(error, (text) => console.error(text));
  }
}
