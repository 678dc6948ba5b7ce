import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createCaches } from '../cache/caches';
import type { Loaded } from '../cache/read-cache';
import { eventually } from '../testing/eventually';
import { sampleValue } from '../testing/metrics';
import { describeWithRedis, unreachableRedis } from '../testing/redis';
import { createMetrics } from './metrics';

const silent = pino({ level: 'silent' });
const row = (): Promise<Loaded<{ readonly title: string }>> => Promise.resolve({ value: { title: 'a' }, version: 1 });

function metricsAndReads() {
  const metrics = createMetrics({ host: '127.0.0.1', port: 0 }, { redis: undefined, database: { kind: 'memory' } });
  const reads = (context: string, outcome: string) =>
    sampleValue(metrics.registry, 'cache_reads_total', { context, outcome });
  return { countRead: metrics.countCacheRead, reads };
}

describe('cache_reads_total, per context', () => {
  it('counts a miss, then hits of the memory tier, each context apart', async () => {
    const { countRead, reads } = metricsAndReads();
    const { caches } = createCaches({
      config: { ttlSeconds: 60, memoryMaxItems: 100 },
      redis: undefined,
      logger: silent,
      countRead,
    });
    const orders = caches.forContext('orders');
    await orders.getOrLoad('1', row);
    await orders.getOrLoad('1', row);
    await orders.getOrLoad('1', row);
    await caches.forContext('posts').getOrLoad('1', row);

    expect(await reads('orders', 'miss')).toBe(1);
    expect(await reads('orders', 'memory_hit')).toBe(2);
    expect(await reads('posts', 'miss')).toBe(1);
    expect(await reads('posts', 'memory_hit')).toBeUndefined();
  });

  it('counts the reads that skip the cache while Redis is away', async () => {
    const { countRead, reads } = metricsAndReads();
    const unreachable = unreachableRedis();
    const setup = createCaches({
      config: { ttlSeconds: 60, memoryMaxItems: 100 },
      redis: unreachable,
      logger: silent,
      countRead,
    });
    await setup.caches.forContext('orders').getOrLoad('1', row);
    expect(await reads('orders', 'bypass')).toBe(1);
    for (const resource of setup.resources) await resource.close();
    unreachable.disconnect();
  });
});

describeWithRedis('cache_reads_total', (redis: () => Redis) => {
  it("counts the shared tier's hits apart from the memory tier's", async () => {
    const { countRead, reads } = metricsAndReads();
    const context = `test-${randomUUID()}`;
    const setup = createCaches({
      config: { ttlSeconds: 60, memoryMaxItems: 0 },
      redis: redis(),
      logger: silent,
      settleMs: 0,
      countRead,
    });
    const cache = setup.caches.forContext(context);
    expect(await eventually(() => setup.isAnswering())).toBe(true);
    await cache.getOrLoad('1', row);
    await cache.getOrLoad('1', row);
    expect(await reads(context, 'miss')).toBe(1);
    expect(await reads(context, 'shared_hit')).toBe(1);
    for (const resource of setup.resources) await resource.close();
  });
});
