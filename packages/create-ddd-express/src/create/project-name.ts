import validate from 'validate-npm-package-name';
import { CliError } from '../shared/cli-error';

/** Every reason `name` cannot be a new npm package; empty when it can. */
export function packageNameProblems(name: string): string[] {
  const result = validate(name);
  return result.validForNewPackages ? [] : [...(result.errors ?? []), ...(result.warnings ?? [])];
}

/** A valid package name close to `name`, to suggest instead of it. */
export function suggestPackageName(name: string): string {
  const cleaned = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  // Core module names (`http`) stay invalid however they are cleaned; a suffix makes them usable.
  const candidates = [cleaned, `${cleaned}-app`, 'my-app'];
  return candidates.find((candidate) => cleaned !== '' && packageNameProblems(candidate).length === 0) ?? 'my-app';
}

/**
 * The package name is the target directory's last segment, so an invalid one is reported against the
 * directory the user typed, with that directory renamed as the suggestion.
 */
export function assertValidProjectName(name: string, directoryArgument: string): void {
  const problems = packageNameProblems(name);
  if (problems.length === 0) return;
  const suggestion = replaceLastSegment(directoryArgument, suggestPackageName(name));
  throw new CliError(
    `"${name}" cannot be an npm package name: ${problems.join('; ')}.`,
    `The project directory names the package; try: create-ddd-express ${suggestion}`,
  );
}

function replaceLastSegment(directory: string, segment: string): string {
  const trimmed = directory.replace(/[\\/]+$/, '');
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return cut === -1 ? segment : `${trimmed.slice(0, cut + 1)}${segment}`;
}
