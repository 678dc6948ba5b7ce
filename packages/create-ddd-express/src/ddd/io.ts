import path from 'node:path';
import { cliVersion } from '../shared/package-info';
import { templatesRoot } from '../templates/locate';

/** What the domain commands need from the outside world, so tests can run them in-process on a temp project. */
export interface DomainCommandIo {
  readonly cwd: () => string;
  readonly print: (text: string) => void;
  readonly printError: (text: string) => void;
  readonly setExitCode: (code: number) => void;
  /** Directory whose tree is one bounded context (`templates/domain`). */
  readonly domainTemplatesDir: () => string;
  /** Recorded in ddd.json and given to the templates: the create-ddd-express version. */
  readonly templateVersion: () => string;
}

export function processIo(): DomainCommandIo {
  return {
    cwd: () => process.cwd(),
    print: (text) => console.log(text),
    printError: (text) => console.error(text),
    setExitCode: (code) => {
      process.exitCode = code;
    },
    domainTemplatesDir: () => path.join(templatesRoot(), 'domain'),
    templateVersion: cliVersion,
  };
}
