import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError } from '../shared/cli-error';
import { pathExists, readManifest, readProjectFile } from './project-files';

describe('reading a project', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'project-files-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers undefined and false for what is missing, even below a file', async () => {
    writeFileSync(path.join(root, 'ddd.json'), '{"generator":"create-ddd-express","contexts":{}}');
    expect(await readProjectFile(root, 'nope.ts')).toBeUndefined();
    expect(await readProjectFile(root, 'ddd.json/inside')).toBeUndefined();
    expect(await pathExists(root, 'nope')).toBe(false);
    expect(await pathExists(root, 'ddd.json')).toBe(true);
  });

  it('reads the manifest with its text, and refuses a project whose manifest is gone', async () => {
    await expect(readManifest(root)).rejects.toThrow(CliError);
    const text = '{"generator":"create-ddd-express","templateVersion":"0.1.0","contexts":{}}';
    writeFileSync(path.join(root, 'ddd.json'), text);
    expect(await readManifest(root)).toMatchObject({ manifestText: text, manifest: { contexts: {} } });
  });
});
