import { randomUUID } from 'node:crypto';
import { describeWithRedis } from '../../../shared/testing/redis';
import type { RefreshSessionStore } from '../application/ports';
import { InMemoryRefreshSessionStore } from './in-memory-refresh-session.store';
import { RedisRefreshSessionStore } from './redis-refresh-session.store';

function contract(store: () => RefreshSessionStore): void {
  it('rotates the live token once, then treats the old one as reuse and revokes the family', async () => {
    const family = randomUUID();
    await store().start(family, 'first', 60);
    expect(await store().rotate(family, 'first', 'second', 60)).toBe('rotated');
    expect(await store().rotate(family, 'first', 'third', 60)).toBe('reused');
    expect(await store().rotate(family, 'second', 'fourth', 60)).toBe('unknown');
  });

  it('forgets revoked families', async () => {
    const family = randomUUID();
    await store().start(family, 'first', 60);
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
