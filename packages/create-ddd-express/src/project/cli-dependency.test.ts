import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLI_SPEC_ENV, resolveCliDependency } from './cli-dependency';

describe('resolveCliDependency', () => {
  let root: string;
  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'cli-dependency-')));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('links a checkout with a relative file: spec', () => {
    const packageRoot = path.join(root, 'repo', 'packages', 'create-ddd-express');
    mkdirSync(packageRoot, { recursive: true });
    const spec = resolveCliDependency({ targetDir: path.join(root, 'apps', 'shop'), packageRoot, version: '0.1.0', env: {} });
    expect(spec).toBe('file:../../repo/packages/create-ddd-express');
  });

  it('pins its own exact version when installed inside node_modules, even behind a symlink', () => {
    const installed = path.join(root, 'cache', 'node_modules', 'create-ddd-express');
    mkdirSync(installed, { recursive: true });
    const linked = path.join(root, 'linked');
    symlinkSync(installed, linked);
    expect(resolveCliDependency({ targetDir: path.join(root, 'shop'), packageRoot: linked, version: '0.1.0', env: {} })).toBe(
      '0.1.0',
    );
  });

  it('resolves a checkout reached through a symlink to its real location', () => {
    const checkout = path.join(root, 'checkout');
    mkdirSync(checkout);
    symlinkSync(checkout, path.join(root, 'alias'));
    const spec = resolveCliDependency({
      targetDir: path.join(root, 'shop'),
      packageRoot: path.join(root, 'alias'),
      version: '0.1.0',
      env: {},
    });
    expect(spec).toBe('file:../checkout');
  });

  it('lets the environment override both', () => {
    const env = { [CLI_SPEC_ENV]: 'file:/tmp/create-ddd-express-0.1.0.tgz' };
    expect(resolveCliDependency({ targetDir: '/x', packageRoot: root, version: '0.1.0', env })).toBe(
      'file:/tmp/create-ddd-express-0.1.0.tgz',
    );
  });
});
