/**
 * `npm run admin`, run as an operator runs it: a process of its own on the embedded store of a temporary DATA_DIR,
 * with nothing of this shell's environment but PATH (and REDIS_URL where a test says so).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { RedisRefreshSessionStore } from './domains/identity/infrastructure/redis-refresh-session.store';
import { NedbUserRepository } from './domains/identity/infrastructure/nedb-user.repository';
import { User } from './domains/identity/domain/user.entity';
import { EmbeddedStore } from './shared/infrastructure/embedded-store';
import { describeWithRedis } from './shared/testing/redis';
import { TEST_ENV } from './testing/test-app';

const TSX = path.join(path.dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');
const COMMAND = path.join(__dirname, 'admin.ts');
const PROCESS_MS = 30_000;

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

describe('npm run admin', () => {
  let directory: string;
  beforeEach(() => {
    // The working directory too: no .env of the project's is read.
    directory = mkdtempSync(path.join(tmpdir(), 'admin-command-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  async function admin(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<Outcome> {
    const environment = { PATH: process.env.PATH ?? '', ...TEST_ENV, DATA_DIR: 'data', ...env };
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [TSX, COMMAND, ...args], {
        cwd: directory,
        env: environment,
        timeout: PROCESS_MS,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  /** Users as the server would have stored them; closed, so the command may claim the directory. */
  async function stored(...users: User[]): Promise<void> {
    const store = new EmbeddedStore(path.join(directory, 'data'));
    const repository = new NedbUserRepository(store);
    for (const user of users) await repository.add(user);
    await store.close();
  }

  async function storedUser(email: string): Promise<User | undefined> {
    return new NedbUserRepository(new EmbeddedStore(path.join(directory, 'data'))).findByEmail(email);
  }

  it(
    'exits 2 with the usage on an unknown command, a missing email or more than one',
    async () => {
      const outcomes = await Promise.all([
        admin([]),
        admin(['promote', 'ada@example.com']),
        admin(['grant']),
        admin(['revoke', 'ada@example.com', 'bob@example.com']),
      ]);
      expect(outcomes.map(({ code, stdout }) => ({ code, stdout }))).toEqual(Array(4).fill({ code: 2, stdout: '' }));
      expect(outcomes.map(({ stderr }) => stderr.split('\n')[0])).toEqual([
        'admin: no command',
        'admin: unknown command "promote"',
        "admin: grant needs the account's email",
        'admin: revoke takes one email, not "ada@example.com bob@example.com"',
      ]);
      for (const { stderr } of outcomes)
        expect(stderr).toContain('usage: npm run admin -- grant <email> | revoke <email>');
    },
    PROCESS_MS,
  );

  it(
    'grants the role in one line, says when there is nothing to do, and never takes it from the last administrator',
    async () => {
      await stored(User.register('ada@example.com', 'hash'));
      const granted = await admin(['grant', 'ADA@example.com']);
      expect(granted).toEqual({
        code: 0,
        stdout: 'ada@example.com is now an administrator; restart the server to end their sessions\n',
        stderr: '',
      });
      expect((await storedUser('ada@example.com'))?.roles).toEqual(['admin', 'user']);
      expect((await admin(['grant', 'ada@example.com'])).stdout).toBe('ada@example.com already is an administrator\n');

      const revoked = await admin(['revoke', 'ada@example.com']);
      expect(revoked.code).toBe(1);
      expect(revoked.stderr).toMatch(/^admin: This is the only active administrator: .*npm run admin -- grant <email>/);
      expect((await storedUser('ada@example.com'))?.roles).toEqual(['admin', 'user']);
    },
    PROCESS_MS,
  );

  it(
    'exits 1 saying what to do for an unknown email, or while a running server holds DATA_DIR',
    async () => {
      await stored(User.register('ada@example.com', 'hash'));
      const unknown = await admin(['grant', 'nobody@example.com']);
      expect([unknown.code, unknown.stderr]).toEqual([
        1,
        'admin: No account has the email nobody@example.com: register it first (POST /api/v1/auth/register)\n',
      ]);
      // This test's process stands for the server: it is alive, and it is not the command's.
      writeFileSync(path.join(directory, 'data', '.lock'), String(process.pid));
      const locked = await admin(['grant', 'ada@example.com']);
      expect([locked.code, locked.stderr]).toEqual([1, expect.stringMatching(/in use by process \d+.*stop it/)]);
      expect((await storedUser('ada@example.com'))?.roles).toEqual(['user']);
    },
    PROCESS_MS,
  );
});

describeWithRedis('npm run admin with REDIS_URL', (redis) => {
  it(
    "ends the account's sessions, as a role change through the API does",
    async () => {
      // Covered above on the embedded store; here only what Redis adds, on a store in memory.
      const directory = mkdtempSync(path.join(tmpdir(), 'admin-command-'));
      try {
        const ada = User.register(`ada-${Date.now()}@example.com`, 'hash');
        const store = new EmbeddedStore(path.join(directory, 'data'));
        await new NedbUserRepository(store).add(ada);
        await store.close();
        const sessions = new RedisRefreshSessionStore(redis());
        const now = Math.floor(Date.now() / 1000);
        const first = { tokenId: 'token', issuedAt: now, expiresAt: now + 600 };
        await sessions.start({ userId: ada.id, familyId: `${ada.id}-family`, first, endsAt: now + 3600 });
        const env = {
          PATH: process.env.PATH ?? '',
          ...TEST_ENV,
          DATA_DIR: 'data',
          REDIS_URL: process.env.REDIS_URL ?? '',
        };
        const { stdout } = await promisify(execFile)(process.execPath, [TSX, COMMAND, 'grant', ada.email], {
          cwd: directory,
          env,
          timeout: PROCESS_MS,
        });
        expect(stdout).toBe(`${ada.email} is now an administrator; their sessions have ended\n`);
        expect(await sessions.revokeAllOf(ada.id)).toEqual([]);
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
    },
    PROCESS_MS,
  );
});
