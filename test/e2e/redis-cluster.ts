/**
 * The Redis Cluster the generated project's "— Redis Cluster" suites run on: REDIS_CLUSTER_NODES when set (`.ci/run`
 * makes three masters), otherwise those suites skip and the run says NOT RUN with their names.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { log } from './helpers';

/**
 * Suites that must run on a cluster when one is given (sessions, revocations, the cache, rate limits), by the file
 * that declares them: a project whose own edits removed that file (the upgrade phase's does) has no such suite.
 */
const REQUIRED_SUITES: Readonly<Record<string, string>> = {
  RefreshSessionStore: 'src/domains/identity/infrastructure/refresh-session.store.contract.test.ts',
  "RefreshSessionStore: a user's keys in one slot": 'src/domains/identity/infrastructure/refresh-session.store.contract.test.ts',
  RevocationList: 'src/shared/auth/revocation-list.test.ts',
  'CachedRevocationList, tracking every master': 'src/shared/auth/cached-revocation-list.test.ts',
  ReadCache: 'src/shared/cache/read-cache.contract.test.ts',
  'The shared tier: no value older than a write that finished': 'src/shared/cache/shared-tier.test.ts',
  'The cache across the nodes of a cluster': 'src/shared/cache/shared-tier.test.ts',
  'rate limiting': 'src/shared/http/rate-limit.test.ts',
};

export function redisClusterNodes(): string | undefined {
  const nodes = process.env.REDIS_CLUSTER_NODES?.trim();
  return nodes === '' ? undefined : nodes;
}

/** With a cluster, every required suite ran on it and none skipped; without, each skipped one is named NOT RUN. */
export function assertRedisClusterSuites(output: string, projectDir: string): void {
  const lines = output.split('\n');
  const notRun = lines.filter((line) => /NOT RUN: .* on a Redis Cluster/.test(line)).map((line) => line.trim());
  if (redisClusterNodes() === undefined) {
    const names = notRun.map((line) => /NOT RUN: (.*) on a Redis Cluster/.exec(line)?.[1] ?? line);
    log(`NOT RUN (REDIS_CLUSTER_NODES is not set): the Redis Cluster suites ${names.join('; ')}`);
    return;
  }
  if (notRun.length > 0) {
    throw new Error(`Redis Cluster suites were skipped although REDIS_CLUSTER_NODES was set:\n${notRun.join('\n')}`);
  }
  const ran = lines.filter((line) => line.includes('— Redis Cluster')).map((line) => line.trim());
  const missing = Object.entries(REQUIRED_SUITES)
    .filter(([suite, file]) => existsSync(path.join(projectDir, file)) && !ran.includes(`${suite} — Redis Cluster`))
    .map(([suite]) => suite);
  if (missing.length > 0) throw new Error(`no "— Redis Cluster" suite for ${missing.join(', ')} in:\n${output}`);
  log(`Redis Cluster suites run on ${redisClusterNodes() ?? ''}: ${ran.join('; ')}`);
}
