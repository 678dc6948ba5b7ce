import { CliError } from '../shared/cli-error';
import type { ContextRecord } from './manifest';
import { hashContent, manifestWithContext, manifestWithoutContext, parseManifest } from './manifest';

const ORIGINAL = `{
  "generator": "create-ddd-express",
  "templateVersion": "1.0.0",
  "projectName": "my-api",
  "contexts": {},
  "custom": { "kept": true }
}
`;

const RECORD: ContextRecord = {
  templateVersion: '1.2.0',
  fields: 'title:string',
  cache: true,
  access: 'owner',
  files: { 'src/domains/orders/index.ts': hashContent('export {};\n') },
  registry: { file: 'src/domains/index.ts', import: "import { ordersContext } from './orders';", entry: 'ordersContext,' },
};

describe('hashContent', () => {
  it('is the sha256 of the UTF-8 content, prefixed', () => {
    expect(hashContent('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('manifest', () => {
  it('records a context, keeping unknown keys and their order, as 2-space JSON with a final newline', () => {
    const text = manifestWithContext(parseManifest(ORIGINAL), 'orders', RECORD);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "projectName": "my-api",\n');
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['generator', 'templateVersion', 'projectName', 'contexts', 'custom']);
    expect(parseManifest(text).contexts).toEqual({ orders: RECORD });
  });

  it('forgets a context so that the file is as before', () => {
    const text = manifestWithContext(parseManifest(ORIGINAL), 'orders', RECORD);
    const reverted = manifestWithoutContext(parseManifest(text), 'orders');
    expect(reverted).toBe(`${JSON.stringify(JSON.parse(ORIGINAL), null, 2)}\n`);
  });

  it('replaces an existing record in place', () => {
    const once = parseManifest(manifestWithContext(parseManifest(ORIGINAL), 'orders', RECORD));
    const twice = manifestWithContext(once, 'orders', { ...RECORD, fields: 'total:number' });
    expect(parseManifest(twice).contexts.orders?.fields).toBe('total:number');
  });

  it.each([
    ['not JSON', '{', 'ddd.json is not valid JSON'],
    ['another generator', '{"generator":"other"}', 'does not say "generator": "create-ddd-express"'],
    ['contexts not an object', '{"generator":"create-ddd-express","contexts":[]}', '"contexts" must be an object'],
    ['a record without files', '{"generator":"create-ddd-express","contexts":{"x":{"templateVersion":"1","fields":"a:string"}}}', 'no "files" map'],
  ])('rejects %s', (_, text, message) => {
    expect(() => parseManifest(text)).toThrow(CliError);
    expect(() => parseManifest(text)).toThrow(message);
  });

  it.each(['../outside.ts', '/etc/passwd', 'src/../../x', 'src\\x.ts', './src/x.ts'])(
    'refuses a recorded file path that could leave the project: %s',
    (file) => {
      const text = JSON.stringify({ generator: 'create-ddd-express', contexts: { x: { ...RECORD, files: { [file]: 'sha256:0' } } } });
      expect(() => parseManifest(text)).toThrow('a file path outside the project');
    },
  );
});
