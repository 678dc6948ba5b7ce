import { parseCommonCommandLine, parseCreateCommandLine, parseWithCommander } from './command-line';

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

  describe('the common command lines, read without commander', () => {
    const tokens = ['my-api', 'help', '', '-y', '--yes', '--no-install', '--no-git', '--dry-run'];
    /** Every line of up to four of the tokens, repeats and every order included. */
    const lines = (length: number): string[][] =>
      length === 0 ? [[]] : lines(length - 1).flatMap((line) => (line.length < length - 1 ? [] : tokens.map((token) => [...line, token])));
    const all = [0, 1, 2, 3, 4].flatMap(lines);

    it('gives what commander gives for every line it reads', () => {
      for (const argv of all) {
        const common = parseCommonCommandLine(argv);
        if (common === undefined) continue;
        expect({ argv, parsed: { kind: 'run', flags: common } }).toEqual({ argv, parsed: parseWithCommander(argv, '0.1.0') });
      }
    });

    it('reads the lines with at most one directory, and leaves everything else to commander', () => {
      const read = all.filter((argv) => parseCommonCommandLine(argv) !== undefined);
      expect(read.length).toBeGreaterThan(1_000);
      expect(read.every((argv) => argv.filter((arg) => !arg.startsWith('-')).length <= 1)).toBe(true);
      for (const argv of [['--help'], ['-h'], ['-v'], ['--version'], ['a', 'b'], ['a', '--pm', 'npm'], ['--pm=npm'], ['a', '--'], ['-yq'], ['--install'], ['-'], ['--toString'], ['--__proto__']]) {
        expect(parseCommonCommandLine(argv)).toBeUndefined();
      }
    });
  });
});
