/**
 * Phase 2: grow the generated project with `npx ddd generate domain orders`, prove the result passes the
 * project's checks and serves CRUD scoped to its owner, then `npx ddd destroy domain orders` and find the
 * project exactly as committed (`git status --porcelain` empty).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  client,
  run,
  runOk,
  type RunResult,
  type ServerHandle,
  serverOutputOf,
  signUp,
  statusCheck,
  waitForReady,
} from '../helpers';
import { authorizationPhase } from './authorization.phase';
import { cachePhase } from './cache.phase';
import { docsPhase } from './docs.phase';
import { dddInProject, type GeneratedProject, PROJECT_CHECKS, runProjectCheck, startProjectServer } from '../project';

/** One field of every type, an optional one, and the unique and index modifiers. */
export const ORDERS_FIELDS =
  'title:string total:number qty:integer paid:boolean due:date status:enum(pending|paid) note:string? sku:string:unique region:string:index';

/** Contexts of the other access models, generated beside orders: [name, ...ddd generate domain flags]. */
const ACCESS_CONTEXTS: readonly (readonly [string, ...string[]])[] = [
  ['posts', '--access', 'shared', '--fields', 'title:string body:string?'],
  ['settings', '--access', 'admin', '--no-cache', '--fields', 'key:string:unique value:string'],
];

/** A valid order for ORDERS_FIELDS, as a client sends it. */
const FIRST_ORDER = {
  title: 'First order',
  total: 42.5,
  qty: 3,
  paid: false,
  due: '2026-12-01',
  status: 'pending',
  sku: 'SKU-1',
  region: 'eu',
};

/** Each refused the same way: exit ≠ 0, one clear `Error:` line, and the project left exactly as it was. */
const BAD_INVOCATIONS: readonly (readonly [string, readonly string[], RegExp])[] = [
  ['a path as the name', ['generate', 'domain', '../x'], /invalid domain name "\.\.\/x"/],
  ['punctuation in the name', ['generate', 'domain', 'Orders!'], /invalid domain name "Orders!"/],
  ['an empty name', ['generate', 'domain', ''], /a domain name is required/],
  ['a reserved word', ['generate', 'domain', 'class'], /reserved/i],
  ['the identity context', ['generate', 'domain', 'identity'], /identity/],
  ['a malformed field spec', ['generate', 'domain', 'orders', '--fields', 'title:strng'], /position 7/],
  ['destroying a context that was never generated', ['destroy', 'domain', 'invoices'], /invoices/],
];

/** The project's own `ddd`, run from another directory. */
function inDirectory(directory: string, project: GeneratedProject, args: readonly string[]): Promise<RunResult> {
  const ddd = path.join(project.dir, 'node_modules', '.bin', 'ddd');
  return run(process.execPath, [ddd, ...args], { cwd: directory, timeoutMs: 60_000 });
}

async function expectRefused(project: GeneratedProject, args: readonly string[], message: RegExp): Promise<void> {
  const before = await runOk('git', ['status', '--porcelain'], { cwd: project.dir });
  const result = await dddInProject(project, args);
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/^Error: .+$/m);
  expect(result.output).toMatch(message);
  expect(result.output).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  const after = await runOk('git', ['status', '--porcelain'], { cwd: project.dir });
  expect(after.stdout).toBe(before.stdout);
}

export function domainPhase(getProject: () => GeneratedProject): void {
  it.each(BAD_INVOCATIONS)('refuses %s and changes nothing', async (_case, args, message) => {
    await expectRefused(getProject(), args, message);
  });

  it('refuses to run outside a project', async () => {
    const project = getProject();
    const outside = path.dirname(project.dir);
    const result = await inDirectory(outside, project, ['generate', 'domain', 'orders']);
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/not inside a create-ddd-express project/);
    expect(existsSync(path.join(outside, 'src'))).toBe(false);
  });

  it('refuses a registry the user edited, showing the lines to add by hand, and writes nothing', async () => {
    const project = getProject();
    const registry = path.join(project.dir, 'src/domains/index.ts');
    const original = readFileSync(registry, 'utf8');
    writeFileSync(
      registry,
      original.replace('export const contexts: readonly BoundedContext[] = [', 'export const contexts = ['),
    );
    try {
      const result = await dddInProject(project, ['generate', 'domain', 'orders']);
      expect(result.code).not.toBe(0);
      expect(result.output).toContain("import { ordersContext } from './orders';");
      expect(result.output).toContain('ordersContext,');
      expect(existsSync(path.join(project.dir, 'src/domains/orders'))).toBe(false);
    } finally {
      writeFileSync(registry, original);
    }
    expect((await runOk('git', ['status', '--porcelain'], { cwd: project.dir })).stdout).toBe('');
  });

  it(`generates the orders context (npx ddd generate domain orders --fields "${ORDERS_FIELDS}")`, async () => {
    const project = getProject();
    const result = await dddInProject(project, ['generate', 'domain', 'orders', '--fields', ORDERS_FIELDS]);
    if (result.code !== 0) throw new Error(`ddd generate domain failed (exit ${result.code}):\n${result.output}`);
    expect(existsSync(path.join(project.dir, 'src/domains/orders/index.ts'))).toBe(true);
    const registry = readFileSync(path.join(project.dir, 'src/domains/index.ts'), 'utf8');
    expect(registry).toContain("import { ordersContext } from './orders';");
    expect(registry).toMatch(/^\s+ordersContext,$/m);
    const manifest = readFileSync(path.join(project.dir, 'ddd.json'), 'utf8');
    expect(manifest).toContain('orders');
  });

  it('generates posts (--access shared) and settings (--access admin, --no-cache) beside it', async () => {
    for (const args of ACCESS_CONTEXTS) {
      const result = await dddInProject(getProject(), ['generate', 'domain', ...args]);
      if (result.code !== 0) throw new Error(`ddd generate domain ${args.join(' ')} failed:\n${result.output}`);
    }
    const manifest = JSON.parse(readFileSync(path.join(getProject().dir, 'ddd.json'), 'utf8'));
    expect(manifest.contexts.posts).toMatchObject({ access: 'shared', cache: true });
    expect(manifest.contexts.settings).toMatchObject({ access: 'admin', cache: false });
  });

  it('refuses to generate orders a second time and changes nothing', async () => {
    await expectRefused(getProject(), ['generate', 'domain', 'orders'], /already exists/);
  });

  for (const check of PROJECT_CHECKS) {
    it(`still passes ${check.name}`, async () => {
      await runProjectCheck(getProject(), check.name);
    });
  }

  describe('the orders routes of the built server, as two users', () => {
    let server: ServerHandle | undefined;
    let api: ReturnType<typeof client>;
    let alice = '';
    let bob = '';
    let orderId = '';
    const serverOutput = () => serverOutputOf(server);
    const check = statusCheck(() => server);

    beforeAll(async () => {
      server = await startProjectServer(getProject());
      api = client(server.baseUrl);
      await waitForReady(server, 30_000);
      alice = await signUp(api, `alice-${Date.now()}@example.com`);
      bob = await signUp(api, `bob-${Date.now()}@example.com`);
    }, 60_000);

    afterAll(() => server?.kill());

    it('refuses anonymous and invalid requests', async () => {
      check(await api('GET', '/api/v1/orders'), 401, 'list without a token');
      const invalid = check(
        await api('POST', '/api/v1/orders', {
          token: alice,
          json: { ...FIRST_ORDER, title: '', total: 'many', status: 'lost' },
        }),
        400,
        'create with an invalid body',
      );
      expect(invalid.body).toEqual(
        expect.objectContaining({ status: 400, code: expect.any(String), errors: expect.any(Array) }),
      );
    });

    it('creates, reads, lists and updates an order for its owner', async () => {
      const created = check(await api('POST', '/api/v1/orders', { token: alice, json: FIRST_ORDER }), 201, 'create');
      expect(created.body.order).toEqual(
        expect.objectContaining({ ...FIRST_ORDER, id: expect.any(String), due: '2026-12-01T00:00:00.000Z' }),
      );
      expect(created.body.order).not.toHaveProperty('ownerId');
      orderId = created.body.order.id;
      expect(created.headers.get('location')).toBe(`/api/v1/orders/${orderId}`);

      const read = check(await api('GET', `/api/v1/orders/${orderId}`, { token: alice }), 200, 'read');
      expect(read.body.order).toEqual(created.body.order);

      const list = check(await api('GET', '/api/v1/orders', { token: alice }), 200, 'list');
      expect(list.body.items.map((order: { id: string }) => order.id)).toEqual([orderId]);

      const duplicate = await api('POST', '/api/v1/orders', { token: alice, json: { ...FIRST_ORDER, title: 'Again' } });
      check(duplicate, 409, 'create with a sku alice already used');
      check(await api('POST', '/api/v1/orders', { token: bob, json: FIRST_ORDER }), 201, 'bob may use the same sku');

      const updated = check(
        await api('PATCH', `/api/v1/orders/${orderId}`, {
          token: alice,
          json: { status: 'paid', note: 'left at the door' },
        }),
        200,
        'update',
      );
      expect(updated.body.order).toEqual(
        expect.objectContaining({ id: orderId, status: 'paid', note: 'left at the door' }),
      );
    });

    it("answers 404 to another user for every operation on someone else's order", async () => {
      check(await api('GET', `/api/v1/orders/${orderId}`, { token: bob }), 404, "bob reads alice's order");
      check(
        await api('PATCH', `/api/v1/orders/${orderId}`, { token: bob, json: { status: 'pending' } }),
        404,
        'bob updates it',
      );
      check(await api('DELETE', `/api/v1/orders/${orderId}`, { token: bob }), 404, 'bob deletes it');
      const list = check(await api('GET', '/api/v1/orders', { token: bob }), 200, "bob's list");
      expect(list.body.items.map((order: { id: string }) => order.id)).not.toContain(orderId);
    });

    it('deletes the order for its owner', async () => {
      check(await api('DELETE', `/api/v1/orders/${orderId}`, { token: alice }), 204, 'delete');
      check(await api('GET', `/api/v1/orders/${orderId}`, { token: alice }), 404, 'read after delete');
    });

    it('exits 0 on SIGTERM', async () => {
      const running = server as ServerHandle;
      running.signal('SIGTERM');
      const { code, signal } = await running.waitForExit(5_000);
      if (code !== 0) throw new Error(`exit ${code ?? signal} after SIGTERM${serverOutput()}`);
    });
  });

  cachePhase(getProject, FIRST_ORDER);
  authorizationPhase(getProject, FIRST_ORDER);
  docsPhase(getProject);

  describe('npx ddd destroy domain orders (and posts, settings)', () => {
    it('removes the contexts and leaves the project exactly as committed', async () => {
      const project = getProject();
      for (const name of ['orders', ...ACCESS_CONTEXTS.map(([context]) => context)]) {
        const result = await dddInProject(project, ['destroy', 'domain', name]);
        if (result.code !== 0) throw new Error(`ddd destroy domain ${name} failed (exit ${result.code}):\n${result.output}`);
      }
      expect(existsSync(path.join(project.dir, 'src/domains/orders'))).toBe(false);
      const status = await runOk('git', ['status', '--porcelain'], { cwd: project.dir });
      expect(status.stdout).toBe('');
    });
  });
}
