import { readFileSync, writeFileSync } from 'node:fs';
import { servedDocument } from './openapi';
import { buildTestApp } from './test-app';

/**
 * `npm run openapi [-- <file>]`: writes the document the app serves at /openapi.json to `openapi.json` (or <file>),
 * to publish it or generate clients from it. `npm run openapi -- --check` compares instead: exit 1 when the file is
 * not what the app serves.
 */
async function main(args: readonly string[]): Promise<void> {
  const check = args.includes('--check');
  const file = args.find((arg) => !arg.startsWith('--')) ?? 'openapi.json';
  const document = `${JSON.stringify(await servedDocument(buildTestApp()), null, 2)}\n`;
  if (!check) {
    writeFileSync(file, document);
    process.stdout.write(`wrote ${file}\n`);
    return;
  }
  let written: string | undefined;
  try {
    written = readFileSync(file, 'utf8');
  } catch {
    written = undefined;
  }
  if (written !== document) {
    process.stderr.write(`${file} is not the document the app serves: run \`npm run openapi\` and commit it\n`);
    process.exitCode = 1;
  }
}

void main(process.argv.slice(2));
