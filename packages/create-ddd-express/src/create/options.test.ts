import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { resolveCreateOptions, type Answers, type CreateFlags, type OpenQuestions, type ResolveContext } from './options';

const flags = (overrides: Partial<CreateFlags> = {}): CreateFlags => ({
  directory: undefined,
  yes: false,
  packageManager: undefined,
  install: undefined,
  git: true,
  dryRun: false,
  ...overrides,
});

function context(overrides: Partial<ResolveContext> & { answers?: Answers } = {}) {
  const asked: OpenQuestions[] = [];
  const resolved: ResolveContext = {
    cwd: '/work',
    userAgent: undefined,
    interactive: false,
    ask: (questions) => {
      asked.push(questions);
      return Promise.resolve(overrides.answers ?? {});
    },
    ...overrides,
  };
  return { context: resolved, asked };
}

describe('resolveCreateOptions', () => {
  it('uses defaults without asking when stdin is not a terminal', async () => {
    const { context: ctx, asked } = context({ userAgent: 'pnpm/9.0.0 node/v20' });
    const options = await resolveCreateOptions(flags({ directory: 'apps/my-api' }), ctx);
    expect(asked).toHaveLength(0);
    expect(options).toEqual({
      directory: 'apps/my-api',
      targetDir: path.resolve('/work', 'apps/my-api'),
      projectName: 'my-api',
      packageManager: 'pnpm',
      install: true,
      git: true,
      dryRun: false,
    });
  });

  it('reports a missing directory with usage instead of prompting when not interactive', async () => {
    const { context: ctx, asked } = context();
    const result = resolveCreateOptions(flags(), ctx);
    await expect(result).rejects.toThrow(CliError);
    await expect(result).rejects.toThrow('Missing project directory.');
    expect(asked).toHaveLength(0);
  });

  it('never asks with --yes, even at a terminal', async () => {
    const { context: ctx, asked } = context({ interactive: true });
    const options = await resolveCreateOptions(flags({ directory: 'x', yes: true }), ctx);
    expect(asked).toHaveLength(0);
    expect(options.packageManager).toBe('npm');
    expect(options.install).toBe(true);
  });

  it('asks at a terminal only what the flags left open, pre-filled with the detected manager', async () => {
    const { context: ctx, asked } = context({
      interactive: true,
      userAgent: 'yarn/1.22.0 npm/? node/v20',
      answers: { directory: 'shop', install: false },
    });
    const options = await resolveCreateOptions(flags({ packageManager: 'npm' }), ctx);
    expect(asked).toEqual([{ directory: { initial: 'my-api' }, install: { initial: true } }]);
    expect(options.projectName).toBe('shop');
    expect(options.packageManager).toBe('npm');
    expect(options.install).toBe(false);
  });

  it('lets explicit flags win over answers and keeps --no-install', async () => {
    const { context: ctx, asked } = context({ interactive: true, answers: { packageManager: 'yarn' } });
    const options = await resolveCreateOptions(flags({ directory: 'x', install: false, git: false, dryRun: true }), ctx);
    expect(asked).toEqual([{ packageManager: { initial: 'npm' } }]);
    expect(options).toMatchObject({ packageManager: 'yarn', install: false, git: false, dryRun: true });
  });
});
