/** Refusals of the create command, through the built bin of this repository and the real templates. */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI_CREATE_BIN, makeTempDir, removeTempDir, REPO_ROOT, run, runOk, type RunResult } from './helpers';

let workDir: string;

beforeAll(async () => {
  await runOk('npm', ['run', 'build', '-w', 'create-ddd-express'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
}, 120_000);
beforeEach(() => {
  workDir = makeTempDir('create-ddd-express-bad-input');
});
afterEach(() => removeTempDir(workDir));

/** stdin is closed (not a TTY), as in CI. */
function create(args: readonly string[]): Promise<RunResult> {
  return run(process.execPath, [CLI_CREATE_BIN, ...args], {
    cwd: workDir,
    env: { CREATE_DDD_EXPRESS_TEMPLATES: undefined, CREATE_DDD_EXPRESS_CLI_SPEC: undefined },
    timeoutMs: 30_000,
  });
}

/** Non-zero exit; the message is the first line, starts with "Error:", and no stack trace follows. */
function expectRefusal(result: RunResult, message: string): void {
  expect(result.code).not.toBe(0);
  expect(result.code).not.toBeNull();
  const [first] = result.stderr.split('\n');
  expect(first).toMatch(/^Error: /);
  expect(first).toContain(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stdout).not.toContain('Creating');
}

describe('create-ddd-express refuses bad input and writes nothing', () => {
  it('an invalid package name', async () => {
    const result = await create(['Bad Name!', '--yes', '--pm', 'npm']);
    expectRefusal(result, '"Bad Name!" cannot be an npm package name');
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('a target directory that is not empty', async () => {
    mkdirSync(path.join(workDir, 'my-api'));
    writeFileSync(path.join(workDir, 'my-api', 'notes.txt'), 'keep me');
    const result = await create(['my-api', '--yes', '--pm', 'npm']);
    expectRefusal(result, 'my-api is not empty');
    expect(readdirSync(workDir)).toEqual(['my-api']);
    expect(readdirSync(path.join(workDir, 'my-api'))).toEqual(['notes.txt']);
  });

  it('no directory and no terminal to ask', async () => {
    const result = await create([]);
    expectRefusal(result, 'Missing project directory.');
    expect(readdirSync(workDir)).toEqual([]);
  });
});
