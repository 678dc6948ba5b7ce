import { CliError } from './cli-error';
import { reportError } from './report-error';

function report(error: unknown, env: Record<string, string> = {}): { code: number; lines: string[] } {
  const lines: string[] = [];
  const code = reportError(error, (text) => lines.push(text), env);
  return { code, lines };
}

describe('reportError', () => {
  it('prints what the user can fix, with its hint, and ends with its exit code', () => {
    expect(report(new CliError('no ddd.json here', 'run it in a project', 3))).toEqual({
      code: 3,
      lines: ['Error: no ddd.json here\nrun it in a project'],
    });
  });

  it('prints an unexpected error in one line, and its stack only with DEBUG set', () => {
    const bug = new Error('disk full');
    expect(report(bug)).toEqual({ code: 1, lines: ['Error: disk full', 'Set DEBUG=1 to see the stack trace.'] });
    expect(report(bug, { DEBUG: '1' }).lines).toEqual(['Error: disk full', bug.stack]);
    expect(report('thrown text').lines[0]).toBe('Error: thrown text');
  });
});
