import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createSubscriber } from '../infrastructure/redis';
import type { MasterConnections } from '../infrastructure/redis-cluster';
import { eventually } from '../testing/eventually';
import { describeWithRedis, describeWithRedisCluster, masterOf } from '../testing/redis';
import { CachedRevocationList, trackRevocationChanges } from './cached-revocation-list';
import { trackRevocationChangesOnCluster } from './cluster-revocation-tracking';
import { InMemoryRevocationList, RedisRevocationList, REVOKED_KEY_PREFIX } from './revocation-list';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

/** A cache over an in-memory list, on a clock the test moves. */
function cacheOnClock(capacity?: number) {
  const list = new InMemoryRevocationList();
  const checks = jest.spyOn(list, 'isRevoked');
  const clock = { now: 0 };
  const cache = new CachedRevocationList(list, capacity, () => clock.now);
  return { list, cache, clock, checks: () => checks.mock.calls.length };
}

describe('CachedRevocationList', () => {
  it('answers repeated checks from memory only while trusted', async () => {
    const { cache, clock, checks } = cacheOnClock();
    await cache.isRevoked('session');
    await cache.isRevoked('session');
    expect(checks()).toBe(2);
    cache.trust(1_000);
    await cache.isRevoked('session');
    await cache.isRevoked('session');
    expect(checks()).toBe(3);
    clock.now = 1_000; // no heartbeat since: trust lapsed
    await cache.isRevoked('session');
    expect(checks()).toBe(4);
    cache.trust(3_000);
    cache.distrust();
    await cache.isRevoked('session');
    expect(checks()).toBe(5);
  });

  it('forgets its answers after a lapse of trust, since reports may have been lost', async () => {
    const { cache, clock, checks } = cacheOnClock();
    cache.trust(1_000);
    await cache.isRevoked('token');
    clock.now = 1_500;
    cache.trust(3_000);
    await cache.isRevoked('token');
    expect(checks()).toBe(2);
  });

  it('refuses a session as soon as this process revokes it, and after any reported change', async () => {
    const { list, cache } = cacheOnClock();
    cache.trust(1_000);
    expect(await cache.isRevoked('session')).toBe(false);
    await cache.revoke('session', inAnHour());
    expect(await cache.isRevoked('session')).toBe(true);

    expect(await cache.isRevoked('other-session')).toBe(false);
    await list.revoke('other-session', inAnHour()); // as another instance would, through Redis
    expect(await cache.isRevoked('other-session')).toBe(false); // not reported yet
    cache.forgetAll(); // Redis reports it
    expect(await cache.isRevoked('other-session')).toBe(true);
  });

  it('does not remember an answer given while a change was being reported', async () => {
    const { cache, checks } = cacheOnClock();
    cache.trust(1_000);
    const overlapping = cache.isRevoked('session');
    cache.forgetAll();
    expect(await overlapping).toBe(false);
    await cache.isRevoked('session');
    expect(checks()).toBe(2);
  });

  it('keeps at most `capacity` answers, dropping the oldest', async () => {
    const { cache, checks } = cacheOnClock(2);
    cache.trust(1_000);
    for (const token of ['a', 'b', 'c', 'c', 'b']) await cache.isRevoked(token);
    expect(checks()).toBe(3);
    await cache.isRevoked('a');
    expect(checks()).toBe(4);
  });
});

describeWithRedis('CachedRevocationList', (redis) => {
  const HEARTBEAT_MS = 50;
  let subscriber: Redis;
  let shared: RedisRevocationList;
  let cache: CachedRevocationList;

  beforeEach(async () => {
    subscriber = createSubscriber(redis());
    shared = new RedisRevocationList(redis());
    cache = new CachedRevocationList(shared);
    trackRevocationChanges(subscriber, cache, pino({ level: 'silent' }), HEARTBEAT_MS);
    expect(await eventually(() => cache.isTrusted)).toBe(true);
  });

  afterEach(async () => {
    if (subscriber.status === 'end') return;
    const ended = once(subscriber, 'end');
    subscriber.disconnect();
    await ended;
  });

  it('answers from memory, and hears a revocation made by another instance', async () => {
    const checks = jest.spyOn(shared, 'isRevoked');
    const sessionId = randomUUID();
    expect(await cache.isRevoked(sessionId)).toBe(false);
    expect(await cache.isRevoked(sessionId)).toBe(false);
    expect(checks).toHaveBeenCalledTimes(1);
    await new RedisRevocationList(redis()).revoke(sessionId, inAnHour());
    expect(await eventually(() => cache.isRevoked(sessionId))).toBe(true);
  });

  it('stays trusted for as long as heartbeats come back', async () => {
    await new Promise((resolve) => setTimeout(resolve, 6 * HEARTBEAT_MS));
    expect(cache.isTrusted).toBe(true);
  });

  it('asks Redis on every check once its notification connection is gone', async () => {
    const tokenId = randomUUID();
    expect(await cache.isRevoked(tokenId)).toBe(false);
    const closed = once(subscriber, 'close');
    subscriber.disconnect();
    await closed;
    expect(cache.isTrusted).toBe(false);
    // Written behind the cache's back, as during an outage of the notifications only.
    await redis().set(`${REVOKED_KEY_PREFIX}${tokenId}`, '1', 'EX', 60);
    expect(await cache.isRevoked(tokenId)).toBe(true);
  });

  it('tracks again after its notification connection comes back', async () => {
    const closed = once(subscriber, 'close');
    subscriber.disconnect(true);
    await closed;
    expect(cache.isTrusted).toBe(false);
    expect(await eventually(() => cache.isTrusted)).toBe(true);
    const tokenId = randomUUID();
    expect(await cache.isRevoked(tokenId)).toBe(false);
    await new RedisRevocationList(redis()).revoke(tokenId, inAnHour());
    expect(await eventually(() => cache.isRevoked(tokenId))).toBe(true);
  });
});

describeWithRedisCluster('CachedRevocationList, tracking every master', (cluster) => {
  const HEARTBEAT_MS = 50;
  let tracking: MasterConnections;
  let shared: RedisRevocationList;
  let cache: CachedRevocationList;

  beforeEach(async () => {
    shared = new RedisRevocationList(cluster());
    cache = new CachedRevocationList(shared);
    tracking = trackRevocationChangesOnCluster(cluster(), cache, pino({ level: 'silent' }), HEARTBEAT_MS);
    expect(await eventually(() => cache.isTrusted)).toBe(true);
  });

  afterEach(async () => {
    await tracking.close();
  });

  /** A session id whose revocation key each master holds, one per master. */
  async function sessionOnEveryMaster(): Promise<string[]> {
    const byMaster = new Map<string, string>();
    while (byMaster.size < cluster().nodes('master').length) {
      const sessionId = randomUUID();
      byMaster.set(await masterOf(cluster(), `${REVOKED_KEY_PREFIX}${sessionId}`), sessionId);
    }
    return [...byMaster.values()];
  }

  it('has a connection of its own to each master', () => {
    const masters = cluster()
      .nodes('master')
      .map((node) => `${node.options.host ?? ''}:${String(node.options.port ?? '')}`);
    expect([...tracking.connections.keys()].sort()).toEqual(masters.sort());
  });

  it('hears a revocation made by another instance, whichever master holds it', async () => {
    const sessions = await sessionOnEveryMaster();
    expect(sessions.length).toBeGreaterThan(1);
    const checks = jest.spyOn(shared, 'isRevoked');
    for (const sessionId of sessions) expect(await cache.isRevoked(sessionId)).toBe(false);
    for (const sessionId of sessions) expect(await cache.isRevoked(sessionId)).toBe(false);
    expect(checks).toHaveBeenCalledTimes(sessions.length); // the second round came from memory
    for (const sessionId of sessions) {
      await new RedisRevocationList(cluster()).revoke(sessionId, inAnHour());
      expect(await eventually(() => cache.isRevoked(sessionId))).toBe(true);
    }
  });

  it("asks Redis on every check while one master's notification connection is down, and trusts again after", async () => {
    const [connection] = [...tracking.connections.values()];
    if (connection === undefined) throw new Error('no master tracked');
    const closed = once(connection, 'close');
    connection.disconnect(true);
    await closed;
    expect(cache.isTrusted).toBe(false);
    expect(await eventually(() => cache.isTrusted)).toBe(true);
  });
});
