import { createConnection, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';
import { AbstractConnector, Cluster, Redis, type RedisOptions } from 'ioredis';
import type { RedisClusterNodes } from '../../config/redis-cluster';

/** Topology changes (failovers, resharding) are learned within this, even when no command is redirected. */
const SLOTS_REFRESH_MS = 5_000;
/** ioredis's default: how long a closing connection may take to end before it is destroyed. */
const DISCONNECT_TIMEOUT_MS = 2_000;

/**
 * A Redis Cluster client: it learns every node from the seeds and sends each command to the node of its key's slot.
 * The nodes it learns of are reached with the seeds' credentials and TLS.
 */
export function newClusterClient(
  nodes: RedisClusterNodes,
  options: RedisOptions,
  reconnectDelay: (attempt: number) => number,
): Cluster {
  const { username, password, tls } = nodes;
  return new Cluster(
    nodes.seeds.map(({ host, port }) => ({ host, port })),
    {
      enableOfflineQueue: false,
      clusterRetryStrategy: reconnectDelay,
      slotsRefreshInterval: SLOTS_REFRESH_MS,
      // Certificates name the hosts the cluster announces: connect by those names, unresolved (as ioredis advises
      // for ElastiCache with TLS).
      ...(tls ? { dnsLookup: (address: string, found: (e: null, a: string) => void) => found(null, address) } : {}),
      redisOptions: { ...options, username, password, ...(tls ? { tls: {} } : {}) },
    },
  );
}

/** The connections `everyMaster` keeps, by node (`host:port`). */
export interface MasterConnections {
  readonly connections: ReadonlyMap<string, Redis>;
  close(): Promise<void>;
}

/**
 * A connection of its own to each master the cluster client knows, kept in step with it: opened (and handed to
 * `opened`) for a master that appears, closed (after `left`) for one that is gone, as after a failover.
 */
export function everyMaster(
  cluster: Cluster,
  options: Partial<RedisOptions>,
  opened: (node: string, connection: Redis) => void,
  left: (node: string) => void,
): MasterConnections {
  const connections = new Map<string, Redis>();
  const follow = (): void => {
    const masters = new Map(cluster.nodes('master').map((node) => [nodeKey(node), node]));
    for (const [key, connection] of connections) {
      if (masters.has(key)) continue;
      connections.delete(key);
      left(key);
      connection.disconnect();
    }
    for (const [key, node] of masters) {
      if (connections.has(key)) continue;
      // The client's own connections to its nodes neither reconnect nor fail fast; this one does both.
      const connection = node.duplicate({ ...options, enableOfflineQueue: false, lazyConnect: false });
      connections.set(key, connection);
      opened(key, connection);
    }
  };
  cluster.on('refresh', follow);
  follow();
  const close = async (): Promise<void> => {
    cluster.off('refresh', follow);
    const closing = [...connections.values()];
    connections.clear();
    await Promise.all(closing.map((connection) => connection.quit().catch(() => connection.disconnect())));
  };
  return { connections, close };
}

function nodeKey(node: Redis): string {
  return `${node.options.host ?? ''}:${String(node.options.port ?? '')}`;
}

/**
 * A connection to any one node of the cluster, picked afresh at each (re)connect among those the client knows, for
 * broadcast pub/sub: a cluster delivers every PUBLISH to every node. It waits while the client knows no node yet.
 */
export function anyNodeConnection(cluster: Cluster, options: Partial<RedisOptions>): Redis {
  const redisOptions = cluster.options.redisOptions ?? {};
  const tls = redisOptions.tls;
  class AnyNodeConnector extends AbstractConnector {
    constructor() {
      super(DISCONNECT_TIMEOUT_MS);
    }

    async connect(): Promise<Socket | TLSSocket> {
      this.connecting = true;
      const node = await someNode(cluster);
      if (this.wasDisconnected()) throw new Error('Connection is closed.');
      // The client's nodes always carry both (CLUSTER SLOTS lists them).
      const { host, port = 6379 } = node.options;
      this.stream = tls === undefined ? createConnection({ host, port }) : connectTls({ ...tls, host, port });
      return this.stream;
    }

    private wasDisconnected(): boolean {
      return !this.connecting;
    }
  }
  return new Redis({ ...redisOptions, ...options, Connector: AnyNodeConnector });
}

async function someNode(cluster: Cluster): Promise<Redis> {
  for (;;) {
    const nodes = cluster.nodes('all');
    const node = nodes[Math.floor(Math.random() * nodes.length)];
    if (node !== undefined) return node;
    await new Promise((resolve) => cluster.once('+node', resolve));
  }
}
