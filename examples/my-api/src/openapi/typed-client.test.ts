/**
 * The README promises client teams a typed client in one command: openapi-typescript on GET /openapi.json, then
 * openapi-fetch. This keeps the promise honest. Types are generated from the document this app serves, and a small
 * client written against them must compile, while the calls the API does not accept must not.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import request from 'supertest';
import ts from 'typescript';
import { buildTestApp } from '../testing/test-app';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

// Served from memory by the compiler host below, never written: in this directory so that `openapi-fetch` resolves
// from the project's node_modules as it would for a file of the project.
const TYPES_FILE = path.join(__dirname, 'client-api.d.ts');
const CLIENT_FILE = path.join(__dirname, 'client-usage.ts');

/**
 * What a client team writes. Each `@ts-expect-error` is itself a compile error when the line below it compiles,
 * so the mistakes must be refused: were the generated types `any`, this would not compile.
 */
const CLIENT_SOURCE = `
import createClient from 'openapi-fetch';
import type { paths } from './client-api';

const api = createClient<paths>({ baseUrl: 'http://localhost:3000' });

export async function signIn(email: string, password: string): Promise<string> {
  const { data, error } = await api.POST('/api/v1/auth/login', { body: { email, password } });
  if (error) throw new Error(error.code + ': ' + error.detail);
  return data.accessToken;
}

export async function myEmail(accessToken: string): Promise<string | undefined> {
  const { data } = await api.GET('/api/v1/auth/me', { headers: { Authorization: 'Bearer ' + accessToken } });
  return data?.user.email;
}

export async function disable(id: string): Promise<boolean> {
  const { response } = await api.POST('/api/v1/users/{id}/disable', { params: { path: { id } } });
  return response.ok;
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error: the login body has no \`username\`
  await api.POST('/api/v1/auth/login', { body: { username: 'a', password: 'b' } });
  // @ts-expect-error: the API has no such path
  await api.GET('/api/v1/no-such-path');
  // @ts-expect-error: the path parameter is missing
  await api.POST('/api/v1/users/{id}/disable', {});
}
`;

/** What `npx openapi-typescript` does; in a child process because its dependencies are ES modules Jest cannot load. */
function generateTypes(document: string): string {
  const cli = path.join(path.dirname(require.resolve('openapi-typescript/package.json')), 'bin', 'cli.js');
  return execFileSync(process.execPath, [cli], { input: document, encoding: 'utf8', cwd: PROJECT_ROOT });
}

/** The options the project builds with: tsconfig.build.json has no Jest globals, which a client does not have either. */
function buildCompilerOptions(): ts.CompilerOptions {
  const parsed = ts.getParsedCommandLineOfConfigFile(
    path.join(PROJECT_ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (parsed === undefined) throw new Error('tsconfig.build.json could not be read');
  return { ...parsed.options, noEmit: true };
}

/** Type-checks `files` (path → source) as the project compiles; every diagnostic as `file:line: message`. */
function typeCheck(files: ReadonlyMap<string, string>): string[] {
  // The compiler names files with forward slashes on every platform.
  const inMemory = new Map([...files].map(([file, source]) => [file.split(path.sep).join('/'), source]));
  const options = buildCompilerOptions();
  const host = ts.createCompilerHost(options);
  const disk = { fileExists: host.fileExists, readFile: host.readFile, getSourceFile: host.getSourceFile };
  host.fileExists = (file) => inMemory.has(file) || disk.fileExists(file);
  host.readFile = (file) => inMemory.get(file) ?? disk.readFile(file);
  host.getSourceFile = (file, languageVersion, ...rest) => {
    const source = inMemory.get(file);
    return source === undefined
      ? disk.getSourceFile(file, languageVersion, ...rest)
      : ts.createSourceFile(file, source, languageVersion, true);
  };
  const program = ts.createProgram([...inMemory.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${path.basename(diagnostic.file.fileName)}:${line + 1}: ${message}`;
  });
}

describe('a typed client generated from GET /openapi.json', () => {
  it('compiles against the document, and refuses calls the API does not accept', async () => {
    const response = await request(buildTestApp()).get('/openapi.json').expect(200);

    const diagnostics = typeCheck(
      new Map([
        [TYPES_FILE, generateTypes(response.text)],
        [CLIENT_FILE, CLIENT_SOURCE],
      ]),
    );

    expect(diagnostics).toEqual([]);
  }, 30_000);
});
