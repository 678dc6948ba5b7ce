import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Redis } from 'ioredis';
import pino from 'pino';
import { createSubscriber } from '../infrastructure/redis';
import { describeWithRedis } from '../testing/redis';
import { CachedRevocationList, trackRevocationChanges } from './cached-revocation-list';
import { InMemoryRevocationList, RedisRevocationList, REVOKED_KEY_PREFIX } from './revocation-list';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs = 2_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

function countingList(): { list: InMemoryRevocationList; checks: () => number } {
  const list = new InMemoryRevocationList();
  const spy = jest.spyOn(list, 'isRevoked');
  return { list, checks: () => spy.mock.calls.length };
}

describe('CachedRevocationList', () => {
  it('answers repeated checks from memory only while changes are reported', async () => {
    const { list, checks } = countingList();
    const cache = new CachedRevocationList(list);
    await cache.isRevoked('token', 'session');
    await cache.isRevoked('token', 'session');
    expect(checks()).toBe(2);
    cache.setTracking(true);
    await cache.isRevoked('token', 'session');
    await cache.isRevoked('token', 'session');
    expect(checks()).toBe(3);
    cache.setTracking(false);
    await cache.isRevoked('token', 'session');
    expect(checks()).toBe(4);
  });

  it('refuses a token as soon as this process revokes its session, and after any reported change', async () => {
    const { list } = countingList();
    const cache = new CachedRevocationList(list);
    cache.setTracking(true);
    expect(await cache.isRevoked('token', 'session')).toBe(false);
    await cache.revoke('session', inAnHour());
    expect(await cache.isRevoked('token', 'session')).toBe(true);

    expect(await cache.isRevoked('other-token', 'other-session')).toBe(false);
    await list.revoke('other-session', inAnHour()); // as another instance would, through Redis
    expect(await cache.isRevoked('other-token', 'other-session')).toBe(false); // not reported yet
    cache.forgetAll(); // Redis reports it
    expect(await cache.isRevoked('other-token', 'other-session')).toBe(true);
  });

  it('does not remember an answer given while a change was being reported', async () => {
    const { list, checks } = countingList();
    const cache = new CachedRevocationList(list);
    cache.setTracking(true);
    const overlapping = cache.isRevoked('token', 'session');
    cache.forgetAll();
    expect(await overlapping).toBe(false);
    await cache.isRevoked('token', 'session');
    expect(checks()).toBe(2);
  });

  it('keeps at most `capacity` answers, dropping the oldest', async () => {
    const { list, checks } = countingList();
    const cache = new CachedRevocationList(list, 2);
    cache.setTracking(true);
    for (const token of ['a', 'b', 'c', 'c', 'b']) await cache.isRevoked(token);
    expect(checks()).toBe(3);
    await cache.isRevoked('a');
    expect(checks()).toBe(4);
  });
});

describeWithRedis('CachedRevocationList', (redis) => {
  let subscriber: Redis;
  let cache: CachedRevocationList;

  beforeEach(async () => {
    subscriber = createSubscriber(redis());
    cache = new CachedRevocationList(new RedisRevocationList(redis()));
    trackRevocationChanges(subscriber, cache, pino({ level: 'silent' }));
    expect(await eventually(() => cache.isTracking)).toBe(true);
  });

  afterEach(() => {
    subscriber.disconnect();
  });

  it('hears a revocation made by another instance', async () => {
    const [tokenId, sessionId] = [randomUUID(), randomUUID()];
    expect(await cache.isRevoked(tokenId, sessionId)).toBe(false);
    await new RedisRevocationList(redis()).revoke(sessionId, inAnHour());
    expect(await eventually(() => cache.isRevoked(tokenId, sessionId))).toBe(true);
  });

  it('asks Redis on every check once its notification connection is gone', async () => {
    const tokenId = randomUUID();
    expect(await cache.isRevoked(tokenId)).toBe(false);
    const closed = once(subscriber, 'close');
    subscriber.disconnect();
    await closed;
    expect(cache.isTracking).toBe(false);
    // Written behind the cache's back, as during an outage of the notifications only.
    await redis().set(`${REVOKED_KEY_PREFIX}${tokenId}`, '1', 'EX', 60);
    expect(await cache.isRevoked(tokenId)).toBe(true);
  });

  it('tracks again after its notification connection comes back', async () => {
    const closed = once(subscriber, 'close');
    subscriber.disconnect(true);
    await closed;
    expect(cache.isTracking).toBe(false);
    expect(await eventually(() => cache.isTracking)).toBe(true);
    const tokenId = randomUUID();
    expect(await cache.isRevoked(tokenId)).toBe(false);
    await new RedisRevocationList(redis()).revoke(tokenId, inAnHour());
    expect(await eventually(() => cache.isRevoked(tokenId))).toBe(true);
  });
});
