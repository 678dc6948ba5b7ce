import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { INTERRUPTED_EXIT_CODE } from '../shared/interrupts';
import type { Answers, OpenQuestions } from './options';
import { PACKAGE_MANAGERS, isPackageManager } from '../project/package-manager';
import { packageNameProblems } from './project-name';


/** Asks the open questions at the terminal. `prompts` is loaded here only, so `--yes` runs never pay for it. */
export async function askAtTerminal(questions: OpenQuestions): Promise<Answers> {
  const { default: prompts } = await import('prompts');
  // An object, not a boolean: the prompts library sets it from a callback the type checker cannot see into.
  const outcome = { cancelled: false };
  const raw = await prompts(
    [
      questions.directory && {
        type: 'text' as const,
        name: 'directory',
        message: 'Project directory',
        initial: questions.directory.initial,
        validate: (value: string) => directoryProblem(value) ?? true,
      },
      questions.packageManager && {
        type: 'select' as const,
        name: 'packageManager',
        message: 'Package manager',
        choices: PACKAGE_MANAGERS.map((manager) => ({ title: manager, value: manager })),
        initial: PACKAGE_MANAGERS.indexOf(questions.packageManager.initial),
      },
      questions.install && {
        type: 'confirm' as const,
        name: 'install',
        message: 'Install dependencies now?',
        initial: questions.install.initial,
      },
    ].filter((question) => question !== undefined),
    {
      onCancel: () => {
        outcome.cancelled = true;
        return false;
      },
    },
  );
  if (outcome.cancelled) throw new CliError('Cancelled; nothing was written.', undefined, INTERRUPTED_EXIT_CODE);
  return toAnswers(raw);
}

function directoryProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Enter a directory, e.g. my-api';
  const problems = packageNameProblems(path.basename(path.resolve(value)));
  return problems.length > 0 ? `The last segment names the package: ${problems.join('; ')}` : undefined;
}

/** `prompts` answers are untyped; keep only values of the expected shape. */
function toAnswers(raw: Record<string, unknown>): Answers {
  const { directory, packageManager, install } = raw;
  return {
    ...(typeof directory === 'string' && { directory: directory.trim() }),
    ...(typeof packageManager === 'string' && isPackageManager(packageManager) && { packageManager }),
    ...(typeof install === 'boolean' && { install }),
  };
}
