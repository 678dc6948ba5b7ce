import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { sampleValue } from '../testing/metrics';
import { describeWithRedis, unreachableRedis } from '../testing/redis';
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
