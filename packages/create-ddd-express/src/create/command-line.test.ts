import { parseCreateCommandLine } from './command-line';

describe('parseCreateCommandLine', () => {
  let stderr: jest.SpyInstance;
  let stdout: jest.SpyInstance;
  beforeEach(() => {
    stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('leaves unanswered questions undefined so they can be asked', () => {
    expect(parseCreateCommandLine([], '0.1.0')).toEqual({
      kind: 'run',
      flags: { directory: undefined, yes: false, packageManager: undefined, install: undefined, git: true, dryRun: false },
    });
  });

  it('reads every flag', () => {
    expect(parseCreateCommandLine(['shop', '--yes', '--pm', 'yarn', '--no-install', '--no-git', '--dry-run'], '0.1.0')).toEqual({
      kind: 'run',
      flags: { directory: 'shop', yes: true, packageManager: 'yarn', install: false, git: false, dryRun: true },
    });
  });

  it('rejects an unknown package manager with a non-zero exit', () => {
    const result = parseCreateCommandLine(['shop', '--pm', 'bun'], '0.1.0');
    expect(result).toEqual({ kind: 'exit', exitCode: 1 });
    expect(String(stderr.mock.calls[0]?.[0])).toContain("argument 'bun' is invalid");
  });

  it('prints the version and exits 0', () => {
    expect(parseCreateCommandLine(['--version'], '9.9.9')).toEqual({ kind: 'exit', exitCode: 0 });
    expect(String(stdout.mock.calls[0]?.[0])).toBe('9.9.9\n');
  });
});
