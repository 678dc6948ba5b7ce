import { readFileSync } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../templates/locate';

/** The package names of one `"dependencies": { … }` block of the template, in the order written. */
function namesIn(template: string, block: string): string[] {
  const body = new RegExp(`"${block}": \\{([^}]*)\\}`).exec(template)?.[1] ?? '';
  return [...body.matchAll(/^\s*"([^"]+)":/gm)].map((match) => match[1] ?? '');
}

// npm writes package.json and the lockfile's root entry in this order: any other order and the first
// `npm install` of a new project rewrites its package-lock.json, a change the user did not make.
describe.each(['dependencies', 'devDependencies'])('templates/project/package.json.ejs %s', (block) => {
  const template = readFileSync(path.join(templatesDir('project', {}), 'package.json.ejs'), 'utf8');

  it("are in npm's order", () => {
    const names = namesIn(template, block);
    expect(names.length).toBeGreaterThan(5);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
  });
});

// create fits the tested lockfile without sorting it again (project/lockfile.ts): npm wrote it in its order.
describe('templates/project/package-lock.json', () => {
  it("lists its packages in npm's order", () => {
    const lockfile = readFileSync(path.join(templatesDir('project', {}), 'package-lock.json'), 'utf8');
    const keys = Object.keys((JSON.parse(lockfile) as { packages: Record<string, unknown> }).packages);
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toEqual(['', ...keys.slice(1).sort((a, b) => a.localeCompare(b, 'en'))]);
  });
});
