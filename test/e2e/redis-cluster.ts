/**
 * The Redis Cluster the generated project's "— Redis Cluster" suites run on: REDIS_CLUSTER_NODES when set (`.ci/run`
 * makes three masters), otherwise those suites skip and the run says NOT RUN with their names.
 */
import { log } from './helpers';

/** Suites that must run on a cluster when one is given: sessions, revocations, the cache, rate limits. */
const REQUIRED_SUITES = [
  'RefreshSessionStore',
  "RefreshSessionStore: a user's keys in one slot",
  'RevocationList',
  'CachedRevocationList, tracking every master',
  'ReadCache',
  'The shared tier: no value older than a write that finished',
  'The cache across the nodes of a cluster',
  'rate limiting',
];

export function redisClusterNodes(): string | undefined {
  const nodes = process.env.REDIS_CLUSTER_NODES?.trim();
  return nodes === '' ? undefined : nodes;
}

/** With a cluster, every required suite ran on it and none skipped; without, each skipped one is named NOT RUN. */
export function assertRedisClusterSuites(output: string): void {
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
  const missing = REQUIRED_SUITES.filter((suite) => !ran.includes(`${suite} — Redis Cluster`));
  if (missing.length > 0) throw new Error(`no "— Redis Cluster" suite for ${missing.join(', ')} in:\n${output}`);
  log(`Redis Cluster suites run on ${redisClusterNodes() ?? ''}: ${ran.join('; ')}`);
}
