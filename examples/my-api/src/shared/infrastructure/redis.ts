import { Cluster, Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../../config/config';
import type { Logger } from './logger';
import { anyNodeConnection, everyMaster, type MasterConnections, newClusterClient } from './redis-cluster';

const CONNECT_TIMEOUT_MS = 5_000;
export const MAX_RECONNECT_DELAY_MS = 2_000;

/** One Redis server or a Redis Cluster: whatever takes a client takes either. */
export type RedisConnection = Redis | Cluster;

const reconnectDelay = (attempt: number): number => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS);

/** REDIS_URL's server, REDIS_CLUSTER_NODES's cluster, or (neither set) none. */
export function createRedisConnection(
  config: Pick<Config, 'redisUrl' | 'redisCluster'>,
  logger: Logger,
): RedisConnection | undefined {
  if (config.redisCluster !== undefined) {
    const options = { connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 1 };
    return reportConnection(newClusterClient(config.redisCluster, options, reconnectDelay), logger);
  }
  return config.redisUrl === undefined ? undefined : createRedisClient(config.redisUrl, logger);
}

/**
 * No offline queue: while Redis is away, commands fail at once and callers fall back (the insurance limiter)
 * instead of piling up. No auto-pipelining: ioredis keeps one such batch in flight at a time and holds all its
 * commands until the last reply, which under load cost more CPU and about 25 MB more heap than plain writes.
 * `rediss://` URLs (Upstash, ElastiCache) use TLS.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: reconnectDelay,
  });
  return reportConnection(client, logger);
}

function reportConnection<C extends RedisConnection>(client: C, logger: Logger): C {
  if (client instanceof Cluster) reportNodes(client, logger);
  let healthy = false;
  client.on('ready', () => {
    healthy = true;
    logger.info('ready');
  });
  client.on('error', (error: Error) => {
    // Log the first error of an outage, not every reconnect attempt.
    if (healthy) logger.error({ err: error }, 'connection lost; retrying');
    healthy = false;
  });
  return client;
}

/**
 * A cluster stays `ready` while one master of several is down (a share of the keys then fails), and says so only as
 * `node error`: one line per node when it fails, until that node's connection is ready again.
 */
function reportNodes(cluster: Cluster, logger: Logger): void {
  const failing = new Set<string>();
  cluster.on('node error', (error: Error, address: string) => {
    if (failing.has(address)) return;
    failing.add(address);
    logger.error(
      { err: error, node: address },
      'a cluster node is unreachable: the keys it serves fail until it is back',
    );
    const node = cluster.nodes().find(({ options }) => `${options.host ?? ''}:${options.port ?? ''}` === address);
    node?.once('ready', () => {
      failing.delete(address);
      logger.info({ node: address }, 'cluster node reachable again');
    });
  });
}

/**
 * A second connection, for messages Redis pushes (a subscribed connection can run nothing else). Subscriptions are
 * not restored on reconnect: whoever subscribes sets up again on each `ready`.
 */
export function createSubscriber(client: Redis): Redis {
  return client.duplicate(SUBSCRIBER_OPTIONS);
}

const SUBSCRIBER_OPTIONS: Partial<RedisOptions> = {
  autoResubscribe: false,
  autoResendUnfulfilledCommands: false,
  lazyConnect: false,
};

/** `createSubscriber` on a cluster: such a connection to each master, in step with the cluster (see everyMaster). */
export function createSubscriberOnEveryMaster(
  cluster: Cluster,
  opened: (node: string, subscriber: Redis) => void,
  left: (node: string) => void,
): MasterConnections {
  return everyMaster(cluster, { ...SUBSCRIBER_OPTIONS, retryStrategy: reconnectDelay }, opened, left);
}

/** Another client of the same server or cluster, with the same options. */
export function duplicateConnection(client: RedisConnection): RedisConnection {
  return client instanceof Cluster ? client.duplicate() : client.duplicate({ lazyConnect: false });
}

/**
 * A connection for broadcast pub/sub that queues its commands until Redis answers and subscribes again after each
 * reconnect; on a cluster, to any one node (every node gets every message).
 */
export function createBroadcastListener(client: RedisConnection): Redis {
  const options = { enableOfflineQueue: true, maxRetriesPerRequest: null, autoResubscribe: true };
  if (!(client instanceof Cluster)) return client.duplicate({ ...options, lazyConnect: false });
  return anyNodeConnection(client, { ...options, retryStrategy: reconnectDelay, lazyConnect: false });
}

/** Resolves true once the client is ready, false if it is not within `timeoutMs`. */
export function waitForRedis(client: RedisConnection, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = (): void => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}

/**
 * Whether every key can be served: on a cluster, every master answers. A cluster client stays `ready` while one
 * master of several is down (the keys of its slots fail), and between its reconnection attempts lists that master
 * as not yet connected.
 */
export async function pingRedis(client: RedisConnection): Promise<boolean> {
  if (client.status !== 'ready') return false;
  await Promise.all(client instanceof Cluster ? client.nodes('master').map((node) => node.ping()) : [client.ping()]);
  return true;
}
