import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { eventually } from '../testing/eventually';
import { describeWithRedisCluster, keysMatching, masterOf } from '../testing/redis';
import { type CacheSetup, createCaches } from './caches';
import type { Loaded } from './read-cache';
import { SharedTier } from './shared-tier';

interface Row {
  readonly title: string;
}

const row = (title: string, version: number) => (): Promise<Loaded<Row>> =>
  Promise.resolve({ value: { title }, version });

describeWithRedisCluster('The cache across the nodes of a cluster', (cluster) => {
  let setups: CacheSetup[] = [];

  afterEach(async () => {
    for (const setup of setups) for (const resource of setup.resources) await resource.close();
    setups = [];
  });

  it("forgets, in every instance's memory tier, what another instance wrote (the bus, on one node of many)", async () => {
    const instance = () => {
      const config = { ttlSeconds: 60, memoryMaxItems: 100 };
      const setup = createCaches({ config, redis: cluster(), logger: pino({ level: 'silent' }), settleMs: 0 });
      setups.push(setup);
      return setup;
    };
    const [a, b] = [instance(), instance()];
    expect(await eventually(() => a.isAnswering() && b.isAnswering())).toBe(true);
    const context = `test-${randomUUID()}`;
    const [ofA, ofB] = [a.caches.forContext<Row>(context), b.caches.forContext<Row>(context)];
    expect(await ofA.getOrLoad('k', row('v1', 1))).toEqual({ title: 'v1' });
    expect(await ofA.getOrLoad('k', row('not read', 1))).toEqual({ title: 'v1' }); // from A's memory
    await ofB.invalidate('k', 2);
    expect(await eventually(async () => (await ofA.getOrLoad('k', row('v2', 2)))?.title === 'v2')).toBe(true);
  });

  it('clears the entries of every master, each key alone (one UNLINK of keys of several slots is CROSSSLOT)', async () => {
    const prefix = `cache-test-${randomUUID()}:`;
    const tier = new SharedTier(cluster(), 60_000, prefix);
    const keys = Array.from({ length: 30 }, (_, index) => `k${String(index)}`);
    for (const key of keys) await tier.put('orders', key, 1, { title: key });
    const written = await keysMatching(cluster(), `${prefix}*`);
    expect(written).toHaveLength(keys.length);
    expect(new Set(await Promise.all(written.map((key) => masterOf(cluster(), key)))).size).toBeGreaterThan(1);
    await tier.clear();
    expect(await keysMatching(cluster(), `${prefix}*`)).toEqual([]);
  });
});
