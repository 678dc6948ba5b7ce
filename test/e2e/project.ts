/**
 * The project every phase of the end-to-end test works in: the CLI is packed with `npm pack`, installed from the
 * tarball into a throwaway prefix, and its `create-ddd-express` bin generates `my-api` (installing dependencies,
 * the CLI itself from the same tarball, and committing with git), as a user's `npx create-ddd-express my-api` does.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  CLI_PACKAGE_DIR,
  ensureRedis,
  killAllChildren,
  log,
  makeTempDir,
  redisCommand,
  type RedisHandle,
  removeTempDir,
  REPO_ROOT,
  run,
  runOk,
  type RunOptions,
  type RunResult,
  type ServerHandle,
  startServer,
} from './helpers';
import { assertMongoSuitesRan, ensureMongo, type MongoHandle } from './mongo';
import { assertRedisClusterSuites, redisClusterNodes } from './redis-cluster';

export const PROJECT_NAME = 'my-api';

export interface GeneratedProject {
  /** Temporary folder holding everything below; removed in afterAll (unless E2E_KEEP=1). */
  readonly workDir: string;
  /** The generated project. */
  readonly dir: string;
  /** The packed CLI (`create-ddd-express-<version>.tgz`). */
  readonly tarball: string;
  /** `bin` of the prefix the tarball was installed into (holds `create-ddd-express` and `ddd`). */
  readonly binDir: string;
  /** The Redis every check and server uses. */
  readonly redisUrl: string;
  /** The MongoDB the project's tests run their MongoDB suites on (servers started here keep in-memory storage). */
  readonly mongo: MongoHandle;
  /** What the create command printed. */
  readonly create: RunResult;
}

/** Runs a command in the project with REDIS_URL set (env overrides on top). */
export function inProject(
  project: GeneratedProject,
  command: string,
  args: readonly string[],
  options: Partial<RunOptions> = {},
) {
  return run(command, args, {
    timeoutMs: 300_000,
    ...options,
    cwd: project.dir,
    env: { REDIS_URL: project.redisUrl, ...options.env },
  });
}

/** `npx ddd …` in the project: the generator the project got from the tarball, as its README tells users to run. */
export function dddInProject(project: GeneratedProject, args: readonly string[]): Promise<RunResult> {
  return inProject(project, 'npx', ['--no-install', 'ddd', ...args], { timeoutMs: 120_000 });
}

/** The generated project's refresh cookie (`__Secure-`: browsers keep it from secure origins only). */
export const REFRESH_COOKIE = '__Secure-refresh_token';

/**
 * The project's checks, as its CI runs them; `test` runs verbose so skipped suites are named. The static checks run
 * at once (each is one process on one core).
 */
export const PROJECT_CHECKS: readonly { readonly name: string; readonly runs: readonly (readonly string[])[] }[] = [
  { name: 'typecheck, lint and format:check', runs: [['run', 'typecheck'], ['run', 'lint'], ['run', 'format:check']] },
  { name: 'test', runs: [['test', '--', '--verbose']] },
  { name: 'test:contract', runs: [['run', 'test:contract']] },
  { name: 'build', runs: [['run', 'build']] },
];

/**
 * Runs one of PROJECT_CHECKS; throws with the output unless it passes (and, for `test`, ran the Redis suites and
 * the MongoDB suite of every context over the wire).
 */
export async function runProjectCheck(project: GeneratedProject, name: string): Promise<RunResult> {
  const check = PROJECT_CHECKS.find((candidate) => candidate.name === name);
  if (!check) throw new Error(`unknown check ${name}`);
  const mongo = { MONGODB_URI: project.mongo.uri, MONGODB_EMULATED: project.mongo.emulated ? '1' : undefined };
  const cluster = { REDIS_CLUSTER_NODES: redisClusterNodes() };
  const env = { CI: 'true', ...(name === 'test' ? { ...mongo, ...cluster } : {}) };
  const results = await Promise.all(check.runs.map((args) => inProject(project, 'npm', args, { env })));
  const failed = results.flatMap((result, index) =>
    result.code === 0 ? [] : [`npm ${check.runs[index]?.join(' ')} failed (exit ${result.code}):\n${result.output}`],
  );
  if (failed.length > 0) throw new Error(failed.join('\n'));
  const [result] = results as [RunResult];
  if (name === 'test') {
    assertRedisSuitesRan(result.output);
    assertRedisClusterSuites(result.output, project.dir);
    const withOrders = existsSync(path.join(project.dir, 'src', 'domains', 'orders'));
    assertMongoSuitesRan(result.output, project.mongo, withOrders ? ['User', 'Order'] : ['User']);
  }
  return result;
}

/** The generated suites skip their Redis part without REDIS_URL and say so; with it they must run. */
export function assertRedisSuitesRan(output: string): void {
  const skipped = output
    .split('\n')
    .filter((line) => /REDIS_URL is not set|○ skipped.*redis/i.test(line) && !line.includes('Redis Cluster'));
  if (skipped.length > 0)
    throw new Error(`Redis suites were skipped although REDIS_URL was set:\n${skipped.join('\n')}`);
  if (!/— Redis/.test(output)) throw new Error(`no "— Redis" suite in the test output:\n${output}`);
}

/**
 * Starts the project's built server (`node dist/main.js`, or node with `args`) against the project's Redis, after
 * forgetting the rate-limit budgets an earlier phase or run left there for 127.0.0.1 (they would refuse the first
 * requests).
 */
export async function startProjectServer(
  project: GeneratedProject,
  env: Record<string, string> = {},
  args?: readonly string[],
): Promise<ServerHandle> {
  const perAddress = ['global', 'registrations-ip', 'login-failures-ip'].map((name) => `rate-limit:${name}:127.0.0.1`);
  await redisCommand(project.redisUrl, ['DEL', ...perAddress]);
  return startServer(project.dir, { REDIS_URL: project.redisUrl, ...env }, args);
}

/**
 * Registers beforeAll/afterAll that build, pack, install and run the CLI; returns an accessor for the project
 * (valid inside tests). afterAll kills every child process (servers included) whatever happened.
 */
export function useGeneratedProject(): () => GeneratedProject {
  let project: GeneratedProject | undefined;
  let workDir: string | undefined;
  let redis: RedisHandle | undefined;
  let mongo: MongoHandle | undefined;

  beforeAll(async () => {
    redis = await ensureRedis();
    mongo = await ensureMongo();
    workDir = makeTempDir('create-ddd-express-e2e');
    log(`working in ${workDir}`);

    await runOk('npm', ['run', 'build', '-w', 'create-ddd-express'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
    const packDir = path.join(workDir, 'pack');
    mkdirSync(packDir);
    await runOk('npm', ['pack', '--pack-destination', packDir], { cwd: CLI_PACKAGE_DIR, timeoutMs: 120_000 });
    const tarballs = readdirSync(packDir).filter((file) => file.endsWith('.tgz'));
    if (tarballs.length !== 1) throw new Error(`expected one tarball in ${packDir}, found ${tarballs.join(', ')}`);
    const tarball = path.join(packDir, tarballs[0] as string);

    const prefix = path.join(workDir, 'prefix');
    await runOk('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], {
      cwd: workDir,
      timeoutMs: 300_000,
    });
    const binDir = path.join(prefix, 'bin');

    const create = await run(path.join(binDir, 'create-ddd-express'), [PROJECT_NAME, '--yes', '--pm', 'npm'], {
      cwd: workDir,
      env: { CREATE_DDD_EXPRESS_CLI_SPEC: `file:${tarball}`, CI: 'true' },
      timeoutMs: 600_000,
    });
    if (create.code !== 0) throw new Error(`create-ddd-express failed (exit ${create.code}):\n${create.output}`);
    project = { workDir, dir: path.join(workDir, PROJECT_NAME), tarball, binDir, redisUrl: redis.url, mongo, create };
  }, 900_000);

  afterAll(async () => {
    killAllChildren();
    await redis?.stop();
    await mongo?.stop();
    removeTempDir(workDir);
  }, 60_000);

  return () => {
    if (!project) throw new Error('the project was not generated (see the beforeAll failure above)');
    return project;
  };
}
