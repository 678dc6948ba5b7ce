import { randomUUID } from 'node:crypto';
import { describeWithRedis } from '../../../shared/testing/redis';
import type { RefreshSessionStore } from '../application/ports';
import { InMemoryRefreshSessionStore } from './in-memory-refresh-session.store';
import { RedisRefreshSessionStore } from './redis-refresh-session.store';

function contract(store: () => RefreshSessionStore): void {
  it('rotates the live token once, then treats the old one as reuse and revokes the family', async () => {
    const family = randomUUID();
    await store().start(family, 'user-1', 'first', 60);
    expect(await store().rotate(family, 'first', 'second', 60)).toBe('rotated');
    expect(await store().rotate(family, 'first', 'third', 60)).toBe('reused');
    expect(await store().rotate(family, 'second', 'fourth', 60)).toBe('unknown');
  });

  it("revokes all of a user's families at once, and only theirs", async () => {
    const user = randomUUID();
    const [first, second, someoneElses] = [randomUUID(), randomUUID(), randomUUID()];
    await store().start(first, user, 'a', 60);
    await store().start(second, user, 'b', 60);
    await store().start(someoneElses, randomUUID(), 'c', 60);
    expect([...(await store().revokeAllOf(user))].sort()).toEqual([first, second].sort());
    expect(await store().rotate(first, 'a', 'a2', 60)).toBe('unknown');
    expect(await store().rotate(second, 'b', 'b2', 60)).toBe('unknown');
    expect(await store().rotate(someoneElses, 'c', 'c2', 60)).toBe('rotated');
    expect(await store().revokeAllOf(user)).toEqual([]);
  });

  it('forgets revoked families', async () => {
    const family = randomUUID();
    await store().start(family, 'user-1', 'first', 60);
    await store().revoke(family);
    expect(await store().rotate(family, 'first', 'second', 60)).toBe('unknown');
  });
}

describe('RefreshSessionStore — in-memory adapter', () => {
  const store = new InMemoryRefreshSessionStore();
  contract(() => store);
});

describeWithRedis('RefreshSessionStore', (redis) => {
  contract(() => new RedisRefreshSessionStore(redis()));
});
