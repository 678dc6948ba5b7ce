import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { parseClusterNodes } from '../../config/redis-cluster';
import { pingRedis, waitForRedis } from '../infrastructure/redis';
import { newClusterClient } from '../infrastructure/redis-cluster';
import { sampleValue } from '../testing/metrics';
import { describeWithRedis, describeWithRedisCluster, unreachableRedis } from '../testing/redis';
import { watchMongo, watchRedis } from './connection-metrics';

const description = (hasDataBearingServers: boolean) => ({ newDescription: { hasDataBearingServers } });

describeWithRedis('redis_connected', (redis: () => Redis) => {
  it('is 1 while the client is ready, 0 while Redis cannot be reached', async () => {
    const up = new Registry();
    watchRedis(up, redis());
    expect(await sampleValue(up, 'redis_connected', {})).toBe(1);

    const down = new Registry();
    const unreachable = unreachableRedis();
    watchRedis(down, unreachable);
    expect(await sampleValue(down, 'redis_connected', {})).toBe(0);
    unreachable.disconnect();
  });
});

describeWithRedisCluster('redis_connected and readiness, one master lost', () => {
  it('are 1 and up while every master answers, 0 and down while one does not, though the cluster stays ready', async () => {
    const nodes = parseClusterNodes(process.env.REDIS_CLUSTER_NODES ?? '');
    if (typeof nodes === 'string') throw new Error(nodes);
    const cluster = newClusterClient(nodes, { maxRetriesPerRequest: 1 }, () => 100);
    expect(await waitForRedis(cluster, 10_000)).toBe(true);
    const registry = new Registry();
    watchRedis(registry, cluster);
    expect(await pingRedis(cluster)).toBe(true);
    expect(await sampleValue(registry, 'redis_connected', {})).toBe(1);

    // The last master, as one that died: any one of them holds a third of the keys.
    const lost = cluster.nodes('master').at(-1);
    if (lost === undefined) throw new Error('no master');
    jest.spyOn(lost, 'ping').mockRejectedValue(new Error('connect ECONNREFUSED'));
    expect(cluster.status).toBe('ready');
    await expect(pingRedis(cluster)).rejects.toThrow('ECONNREFUSED');
    expect(await sampleValue(registry, 'redis_connected', {})).toBe(0);
    cluster.disconnect();
  });
});

describe('mongodb_connected', () => {
  it("follows the driver's topology: 0 while no server can serve data, 1 once one can again", async () => {
    const registry = new Registry();
    const client = new EventEmitter();
    watchMongo(registry, client);
    expect(await sampleValue(registry, 'mongodb_connected', {})).toBe(1);
    client.emit('topologyDescriptionChanged', description(false));
    expect(await sampleValue(registry, 'mongodb_connected', {})).toBe(0);
    client.emit('topologyDescriptionChanged', description(true));
    expect(await sampleValue(registry, 'mongodb_connected', {})).toBe(1);
  });
});
