/**
 * `npm run admin`: the command runs in this process on the embedded store of a temporary DATA_DIR, with the test
 * settings and nothing else (no .env). The end-to-end test of create-ddd-express runs the built `dist/admin.js`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { runAdminCommand } from './admin-command';
import { loadConfig } from './config/config';
import { User } from './domains/identity/domain/user.entity';
import { NedbUserRepository } from './domains/identity/infrastructure/nedb-user.repository';
import { RedisRefreshSessionStore } from './domains/identity/infrastructure/redis-refresh-session.store';
import { EmbeddedStore } from './shared/infrastructure/embedded-store';
import { describeWithRedis } from './shared/testing/redis';
import { TEST_ENV } from './testing/test-app';

const USAGE = 'usage: npm run admin -- grant <email> | revoke <email>';

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A temporary DATA_DIR, removed after each test. */
function useDataDir(): () => string {
  let directory = '';
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'admin-command-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));
  return () => path.join(directory, 'data');
}

async function admin(args: readonly string[], env: Readonly<Record<string, string>>): Promise<Outcome> {
  let [stdout, stderr] = ['', ''];
  const code = await runAdminCommand(args, {
    readConfig: () => loadConfig({ ...TEST_ENV, ...env }),
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    logger: () => pino({ level: 'silent' }),
  });
  return { code, stdout, stderr };
}

/** Users as the server would have stored them; closed, so the command may claim the directory. */
async function stored(dataDir: string, ...users: User[]): Promise<void> {
  const store = new EmbeddedStore(dataDir);
  const repository = new NedbUserRepository(store);
  for (const user of users) await repository.add(user);
  await store.close();
}

async function storedUser(dataDir: string, email: string): Promise<User | undefined> {
  return new NedbUserRepository(new EmbeddedStore(dataDir)).findByEmail(email);
}

describe('npm run admin', () => {
  const dataDir = useDataDir();
  const inDataDir = (args: readonly string[]) => admin(args, { DATA_DIR: dataDir() });

  it('exits 2 with the usage on an unknown command, a missing email or more than one', async () => {
    const outcomes = [
      await inDataDir([]),
      await inDataDir(['promote', 'ada@example.com']),
      await inDataDir(['grant']),
      await inDataDir(['revoke', 'ada@example.com', 'bob@example.com']),
    ];
    expect(outcomes).toEqual(
      [
        'admin: no command',
        'admin: unknown command "promote"',
        "admin: grant needs the account's email",
        'admin: revoke takes one email, not "ada@example.com bob@example.com"',
      ].map((message) => ({ code: 2, stdout: '', stderr: `${message}\n${USAGE}\n` })),
    );
  });

  it('grants the role in one line, says when there is nothing to do, and never takes it from the last administrator', async () => {
    await stored(dataDir(), User.register('ada@example.com', 'hash'));
    expect(await inDataDir(['grant', 'ADA@example.com'])).toEqual({
      code: 0,
      stdout: 'ada@example.com is now an administrator; restart the server to end their sessions\n',
      stderr: '',
    });
    expect((await storedUser(dataDir(), 'ada@example.com'))?.roles).toEqual(['admin', 'user']);
    expect((await inDataDir(['grant', 'ada@example.com'])).stdout).toBe(
      'ada@example.com already is an administrator\n',
    );

    const revoked = await inDataDir(['revoke', 'ada@example.com']);
    expect(revoked.code).toBe(1);
    expect(revoked.stderr).toMatch(/^admin: This is the only active administrator: .*npm run admin -- grant <email>/);
    expect((await storedUser(dataDir(), 'ada@example.com'))?.roles).toEqual(['admin', 'user']);
  });

  it('exits 1 saying what to do for an unknown email, or while a running server holds DATA_DIR', async () => {
    await stored(dataDir(), User.register('ada@example.com', 'hash'));
    expect(await inDataDir(['grant', 'nobody@example.com'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'admin: No account has the email nobody@example.com: register it first (POST /api/v1/auth/register)\n',
    });
    // Jest's parent process stands for the server: it is alive, and it is not this one.
    writeFileSync(path.join(dataDir(), '.lock'), String(process.ppid));
    const locked = await inDataDir(['grant', 'ada@example.com']);
    expect([locked.code, locked.stderr]).toEqual([1, expect.stringMatching(/in use by process \d+.*stop it/)]);
    expect((await storedUser(dataDir(), 'ada@example.com'))?.roles).toEqual(['user']);
  });
});

describeWithRedis('npm run admin with REDIS_URL', (redis) => {
  const dataDir = useDataDir();

  it("ends the account's sessions, as a role change through the API does", async () => {
    const ada = User.register(`ada-${Date.now()}@example.com`, 'hash');
    await stored(dataDir(), ada);
    const sessions = new RedisRefreshSessionStore(redis());
    const now = Math.floor(Date.now() / 1000);
    const first = { tokenId: 'token', issuedAt: now, expiresAt: now + 600 };
    await sessions.start({ userId: ada.id, generation: 0, familyId: `${ada.id}-family`, first, endsAt: now + 3600 });
    const granted = await admin(['grant', ada.email], { DATA_DIR: dataDir(), REDIS_URL: process.env.REDIS_URL ?? '' });
    expect(granted.stdout).toBe(`${ada.email} is now an administrator; their sessions have ended\n`);
    expect(await sessions.revokeAllOf(ada.id)).toEqual([]);
  });
});
