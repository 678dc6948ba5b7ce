/** examples/my-api must be byte-identical to what the templates generate (bin/sync-example --check). */
import path from 'node:path';
import { REPO_ROOT, run } from './helpers';

it('examples/my-api is what `create-ddd-express my-api --yes --no-install --no-git` generates, its openapi.json what its app serves (else: npm run sync-example)', async () => {
  // The first run installs the example's dependencies (npm ci, about a minute) to write its openapi.json.
  const result = await run(process.execPath, [path.join(REPO_ROOT, 'bin', 'sync-example'), '--check'], {
    cwd: REPO_ROOT,
    timeoutMs: 300_000,
  });
  if (result.code !== 0) throw new Error(result.output);
  expect(result.stdout).toContain('matches the templates');
}, 360_000);

it('examples/my-api is current for `ddd upgrade`: re-rendering its recorded inputs gives its recorded base', async () => {
  const ddd = path.join(REPO_ROOT, 'packages', 'create-ddd-express', 'bin', 'ddd.js');
  const example = path.join(REPO_ROOT, 'examples', 'my-api');
  const check = await run(process.execPath, [ddd, 'upgrade', '--check'], { cwd: example, timeoutMs: 60_000 });
  expect(check.output).toContain('Current with template');
  expect(check.code).toBe(0);
  const dryRun = await run(process.execPath, [ddd, 'upgrade', '--dry-run'], { cwd: example, timeoutMs: 60_000 });
  expect(dryRun.output).toContain('Already current');
});
