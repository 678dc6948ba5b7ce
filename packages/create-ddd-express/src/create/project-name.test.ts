import { CliError } from '../shared/cli-error';
import { assertValidProjectName, packageNameProblems, suggestPackageName } from './project-name';

describe('project names', () => {
  it('accepts valid new package names', () => {
    expect(packageNameProblems('my-api')).toEqual([]);
    expect(() => assertValidProjectName('orders.service', 'orders.service')).not.toThrow();
  });

  it('lists every problem of an invalid name, warnings included', () => {
    const problems = packageNameProblems('Bad Name!');
    expect(problems).toContain('name can only contain URL-friendly characters');
    expect(problems).toContain('name can no longer contain capital letters');
  });

  it.each([
    ['Bad Name!', 'bad-name'],
    ['  My__API  ', 'my-api'],
    ['http', 'http-app'],
    ['!!!', 'my-app'],
  ])('suggests a valid name for %j', (name, suggestion) => {
    expect(suggestPackageName(name)).toBe(suggestion);
    expect(packageNameProblems(suggestion)).toEqual([]);
  });

  it('throws a CliError naming the problems and a command with the directory renamed', () => {
    let thrown: unknown;
    try {
      assertValidProjectName('Bad Name!', 'apps/Bad Name!');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CliError);
    const error = thrown as CliError;
    expect(error.message).toMatch(/^"Bad Name!" cannot be an npm package name: .*capital letters/);
    expect(error.hint).toBe('The project directory names the package; try: create-ddd-express apps/bad-name');
  });
});
