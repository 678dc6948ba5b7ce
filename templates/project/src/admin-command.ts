import { setTimeout as delay } from 'node:timers/promises';
import type { Config } from './config/config';
import { createIdentityOperator } from './domains/identity';
import { createAuth } from './shared/auth/auth';
import { createCaches } from './shared/cache/caches';
import { createAuditLog } from './shared/infrastructure/audit-log';
import { DataDirInUseError } from './shared/infrastructure/embedded-store';
import { type Logger, subsystemLogger } from './shared/infrastructure/logger';
import { createRedisConnection, waitForRedis } from './shared/infrastructure/redis';
import type { Resource } from './shared/infrastructure/shutdown';
import { DomainError } from './shared/kernel/domain-error';
import { heldByDatabase, heldByRedis, openDatabase } from './startup';

/**
 * The operator's command (`src/admin.ts` runs it), run where the service runs, with its configuration (`.env`, then the environment), its
 * database and its Redis: `npm run admin -- grant <email>` makes an account an administrator, `revoke <email>`
 * takes the role back (never from the last active one). The account's sessions end, as they do when an
 * administrator changes roles through the API. `npm run admin` runs the build (`node dist/admin.js`: what the
 * Docker image has); `npm run admin:dev` runs the sources, without a build.
 */
const USAGE = 'usage: npm run admin -- grant <email> | revoke <email>';
const COMMANDS = ['grant', 'revoke'] as const;
type Command = (typeof COMMANDS)[number];
const REDIS_WAIT_MS = 3_000;

/** Refused before anything is read or written: exit 2 with the usage. */
class UsageError extends Error {}

/** A failure the message explains in full: exit 1, without a stack trace. */
class CommandError extends Error {}

function parse(args: readonly string[]): { command: Command; email: string } {
  const [command, email, ...extra] = args;
  const known = COMMANDS.find((name) => name === command);
  if (known === undefined) throw new UsageError(command === undefined ? 'no command' : `unknown command "${command}"`);
  if (email === undefined) throw new UsageError(`${known} needs the account's email`);
  if (extra.length > 0) throw new UsageError(`${known} takes one email, not "${args.slice(1).join(' ')}"`);
  return { command: known, email };
}

/** Writes invalidate the profile cache on every instance only once its Redis connections are up. */
async function untilAnswering(isAnswering: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < REDIS_WAIT_MS && !isAnswering(); waited += 25) await delay(25);
  return isAnswering();
}

async function run(config: Config, logger: Logger, command: Command, email: string): Promise<string> {
  const resources: Resource[] = [];
  try {
    const database = await openDatabase(config, logger).catch((error: unknown) => {
      if (error instanceof DataDirInUseError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new CommandError(`cannot connect to MongoDB (${reason}): check MONGODB_URI and that the server answers`);
    });
    resources.push(...heldByDatabase(database).resources);
    const redisLogger = subsystemLogger(logger, 'redis');
    const redis = createRedisConnection(config, redisLogger);
    resources.push(...heldByRedis(redis).resources);
    // Errors only: closing its connections at exit would read as a Redis outage.
    const cache = createCaches({ config: config.cache, redis, logger: redisLogger.child({}, { level: 'error' }) });
    resources.push(...cache.resources);
    if (
      redis !== undefined &&
      !((await waitForRedis(redis, REDIS_WAIT_MS)) && (await untilAnswering(() => cache.isAnswering())))
    ) {
      throw new CommandError(
        'Redis (REDIS_URL or REDIS_CLUSTER_NODES) does not answer, so no session could be ended: nothing was changed',
      );
    }
    const { accessTokens } = createAuth({ config, logger, redis, cacheRevocations: false });
    const audit = createAuditLog(logger);
    const operator = createIdentityOperator({ config, audit, database, redis, caches: cache.caches, accessTokens });
    const { user, changed } = await operator[command](email);
    // Without Redis a running server keeps its sessions in its own memory, out of this command's reach.
    const sessions = redis === undefined ? 'restart the server to end their sessions' : 'their sessions have ended';
    if (command === 'grant') {
      return changed
        ? `${user.email} is now an administrator; ${sessions}`
        : `${user.email} already is an administrator`;
    }
    return changed
      ? `${user.email} is no longer an administrator; ${sessions}`
      : `${user.email} is not an administrator`;
  } finally {
    for (const resource of resources) await resource.close();
  }
}

/** Where the command reads its configuration and writes its outcome: the process's own, or a test's. */
export interface AdminIo {
  readonly readConfig: () => Config;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Warnings and [audit] lines. */
  readonly logger: (config: Config) => Logger;
}

/** Runs `args` (`grant <email>`, `revoke <email>`); resolves with the exit code. */
export async function runAdminCommand(args: readonly string[], io: AdminIo): Promise<number> {
  let parsed: { command: Command; email: string };
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr(`admin: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const config = io.readConfig();
  const logger = io.logger(config);
  try {
    io.stdout(`${await run(config, logger, parsed.command, parsed.email)}\n`);
    return 0;
  } catch (error) {
    const expected = [DomainError, DataDirInUseError, CommandError].some((kind) => error instanceof kind);
    if (!expected) logger.error({ err: error }, 'admin command failed');
    io.stderr(`admin: ${(error as Error).message}\n`);
    return 1;
  }
}
