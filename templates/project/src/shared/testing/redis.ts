import { Cluster, Redis } from 'ioredis';
import { parseClusterNodes } from '../../config/redis-cluster';
import { type RedisConnection, waitForRedis } from '../infrastructure/redis';
import { newClusterClient } from '../infrastructure/redis-cluster';

const REDIS_SKIP_REASON =
  'not run: REDIS_URL is not set (start redis-server and export REDIS_URL=redis://127.0.0.1:6379)';
const CLUSTER_READY_MS = 10_000;

/** Runs `suite` against the real Redis at REDIS_URL; without it, reports one skipped test saying why. */
export function describeWithRedis(name: string, suite: (redis: () => Redis) => void): void {
  const url = process.env.REDIS_URL;
  describe(`${name} — Redis`, () => {
    if (url === undefined || url === '') {
      it.skip(REDIS_SKIP_REASON, () => undefined);
      return;
    }
    let client: Redis;
    beforeAll(async () => {
      client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
    });
    afterAll(async () => {
      await client.quit();
    });
    suite(() => client);
  });
}

/**
 * Runs `suite` against the real Redis Cluster at REDIS_CLUSTER_NODES, through the service's own cluster client (a
 * key of another slot than its command's others is refused there: CROSSSLOT); without it, one skipped test says
 * NOT RUN and names the suite.
 */
export function describeWithRedisCluster(name: string, suite: (cluster: () => Cluster) => void): void {
  const value = process.env.REDIS_CLUSTER_NODES;
  describe(`${name} — Redis Cluster`, () => {
    if (value === undefined || value === '') {
      it.skip(
        `NOT RUN: ${name} on a Redis Cluster: REDIS_CLUSTER_NODES is not set (three masters made with ` +
          'redis-cli --cluster create; export REDIS_CLUSTER_NODES=redis://127.0.0.1:7001,redis://127.0.0.1:7002)',
        () => undefined,
      );
      return;
    }
    const nodes = parseClusterNodes(value);
    if (typeof nodes === 'string') throw new Error(`REDIS_CLUSTER_NODES ${nodes}`);
    let client: Cluster;
    beforeAll(async () => {
      client = newClusterClient(nodes, { maxRetriesPerRequest: 1 }, () => 100);
      if (!(await waitForRedis(client, CLUSTER_READY_MS))) {
        client.disconnect();
        throw new Error(`the Redis Cluster at REDIS_CLUSTER_NODES=${value} is not ready (cluster info: cluster_state)`);
      }
    });
    afterAll(async () => {
      await client.quit();
    });
    suite(() => client);
  });
}

/** The same suite on one Redis server and on a Redis Cluster: each runs when its variable is set. */
export function describeWithEveryRedis(name: string, suite: (redis: () => RedisConnection) => void): void {
  describeWithRedis(name, suite);
  describeWithRedisCluster(name, suite);
}

/** Every key matching `pattern`: on a cluster, those of every master (KEYS reads one node). */
export async function keysMatching(redis: RedisConnection, pattern: string): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  return (await Promise.all(nodes.map((node) => node.keys(pattern)))).flat();
}

/** The master (`host:port`) that holds `key` on the cluster. */
export async function masterOf(cluster: Cluster, key: string): Promise<string> {
  const slot = await cluster.cluster('KEYSLOT', key);
  const master = cluster.slots[slot]?.[0];
  if (master === undefined) throw new Error(`no node serves slot ${slot} of ${key}`);
  return master;
}

/** A client of a port where nothing listens: every command fails at once, as while Redis is down. */
export function unreachableRedis(): Redis {
  return new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}
