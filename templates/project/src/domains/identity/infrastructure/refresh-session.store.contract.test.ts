import { randomUUID } from 'node:crypto';
import {
  describeWithEveryRedis,
  describeWithRedisCluster,
  keysMatching,
  unreachableRedis,
} from '../../../shared/testing/redis';
import type { RefreshSessionStore, RefreshTokenGrant } from '../application/ports';
import { InMemoryRefreshSessionStore } from './in-memory-refresh-session.store';
import { RedisRefreshSessionStore } from './redis-refresh-session.store';

const MINUTE = 60;
const GRACE_MS = 10_000;

/** A clock the test moves (epoch ms), starting now so that Redis's own expiries lie in the future. */
function fakeClock() {
  let now = Date.now();
  return {
    now: () => now,
    seconds: () => Math.floor(now / 1000),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

type Clock = ReturnType<typeof fakeClock>;

function contract(make: (now: () => number) => RefreshSessionStore): void {
  let clock: Clock;
  let store: RefreshSessionStore;
  let userId: string;
  beforeEach(() => {
    clock = fakeClock();
    store = make(clock.now);
    userId = randomUUID();
  });

  /** A grant of `ttl` seconds from the clock's now. */
  const grant = (tokenId: string, ttl = 10 * MINUTE): RefreshTokenGrant => ({
    tokenId,
    issuedAt: clock.seconds(),
    expiresAt: clock.seconds() + ttl,
  });
  const start = async (familyId = randomUUID(), lifetime = 60 * MINUTE, owner = userId) => {
    const generation = await store.generation(owner);
    const endsAt = clock.seconds() + lifetime;
    expect(await store.start({ userId: owner, generation, familyId, first: grant('first'), endsAt })).toBe(true);
    return familyId;
  };
  const rotate = (familyId: string, presentedTokenId: string, next: RefreshTokenGrant, graceMs = GRACE_MS) =>
    store.rotate({ userId, familyId, presentedTokenId, next, graceMs });

  it('rotates the live token once; a replay outside the grace period revokes the family', async () => {
    const family = await start();
    expect(await rotate(family, 'first', grant('second'))).toEqual({ outcome: 'rotated' });
    clock.advance(GRACE_MS);
    expect(await rotate(family, 'first', grant('third'))).toEqual({ outcome: 'reused' });
    expect(await rotate(family, 'second', grant('fourth'))).toEqual({ outcome: 'unknown' });
  });

  it('answers the token just rotated away, within the grace period, with the current token', async () => {
    const family = await start();
    const second = grant('second');
    expect(await rotate(family, 'first', second)).toEqual({ outcome: 'rotated' });
    clock.advance(GRACE_MS - 1);
    expect(await rotate(family, 'first', grant('other'))).toEqual({ outcome: 'retried', current: second });
    expect(await rotate(family, 'second', grant('third'))).toEqual({ outcome: 'rotated' });
    expect(await rotate(family, 'first', grant('other'))).toEqual({ outcome: 'reused' });
  });

  it('gives no grace when the period is 0', async () => {
    const family = await start();
    await rotate(family, 'first', grant('second'), 0);
    expect(await rotate(family, 'first', grant('third'), 0)).toEqual({ outcome: 'reused' });
  });

  it('forgets a family whose token went unused for its lifetime (idle timeout)', async () => {
    const family = await start();
    clock.advance(10 * MINUTE * 1000);
    expect(await rotate(family, 'first', grant('second'))).toEqual({ outcome: 'unknown' });
  });

  it('ends a session at its absolute lifetime, however often it was refreshed', async () => {
    const family = await start(randomUUID(), 30 * MINUTE);
    let current = 'first';
    for (let minute = 5; minute < 30; minute += 5) {
      clock.advance(5 * MINUTE * 1000);
      const next = `token-${minute}`;
      expect(await rotate(family, current, grant(next))).toEqual({ outcome: 'rotated' });
      current = next;
    }
    clock.advance(5 * MINUTE * 1000);
    expect(await rotate(family, current, grant('late'))).toEqual({ outcome: 'unknown' });
  });

  it("revokes all of a user's families, even one kept alive by refreshes past its first token", async () => {
    const [kept, idle] = [await start(), await start()];
    const someoneElses = await start(randomUUID(), 60 * MINUTE, randomUUID());
    clock.advance(8 * MINUTE * 1000);
    await rotate(kept, 'first', grant('second'));
    clock.advance(8 * MINUTE * 1000);
    expect([...(await store.revokeAllOf(userId))]).toContain(kept);
    expect(await rotate(kept, 'second', grant('third'))).toEqual({ outcome: 'unknown' });
    expect(await rotate(idle, 'first', grant('third'))).toEqual({ outcome: 'unknown' });
    expect(await store.revokeAllOf(userId)).toEqual([]);
    const other = { userId: 'x', familyId: someoneElses, presentedTokenId: 'first', next: grant('n'), graceMs: 0 };
    expect(await store.rotate(other)).toEqual({ outcome: 'unknown' });
  });

  it('starts no session for a login that read the generation before every session of the user ended', async () => {
    const before = await store.generation(userId);
    await start();
    await store.revokeAllOf(userId);
    const late = {
      userId,
      generation: before,
      familyId: randomUUID(),
      first: grant('late'),
      endsAt: clock.seconds() + 60,
    };
    expect(await store.start(late)).toBe(false);
    expect(await rotate(late.familyId, 'late', grant('next'))).toEqual({ outcome: 'unknown' });
    expect(await store.generation(userId)).toBe(before + 1);
    await start();
  });

  it('keeps the families of other users', async () => {
    const owner = randomUUID();
    const theirs = await start(randomUUID(), 60 * MINUTE, owner);
    await store.revokeAllOf(userId);
    const request = { userId: owner, familyId: theirs, presentedTokenId: 'first', next: grant('n'), graceMs: 0 };
    expect(await store.rotate(request)).toEqual({ outcome: 'rotated' });
  });

  it('forgets revoked families', async () => {
    const family = await start();
    await store.revoke(userId, family);
    expect(await rotate(family, 'first', grant('second'))).toEqual({ outcome: 'unknown' });
  });
}

describe('RefreshSessionStore — in-memory adapter', () => {
  contract((now) => new InMemoryRefreshSessionStore(now));
});

describeWithEveryRedis('RefreshSessionStore', (redis) => {
  contract((now) => new RedisRefreshSessionStore(redis(), now));

  it("keeps a user's index of sessions at least as long as the longest session it lists", async () => {
    const userId = randomUUID();
    const familyId = randomUUID();
    const seconds = Math.floor(Date.now() / 1000);
    const store = new RedisRefreshSessionStore(redis());
    const first = { tokenId: 'first', issuedAt: seconds, expiresAt: seconds + 60 };
    await store.start({ userId, generation: 0, familyId, first, endsAt: seconds + 3600 });
    const next = { tokenId: 'second', issuedAt: seconds, expiresAt: seconds + 90 };
    await store.rotate({ userId, familyId, presentedTokenId: 'first', next, graceMs: 0 });
    const keys = await keysMatching(redis(), `*{${userId}}*`);
    const expiries = Object.fromEntries(
      await Promise.all(keys.map(async (key) => [key.split(':')[0], await redis().pexpiretime(key)] as const)),
    );
    expect(expiries).toEqual({
      'refresh-session': (seconds + 90) * 1000,
      'refresh-sessions-of': (seconds + 3600) * 1000,
    });
  });
});

describeWithRedisCluster("RefreshSessionStore: a user's keys in one slot", (cluster) => {
  it('is refused a script given keys of two slots (CROSSSLOT): the contract above would fail on a stray key', async () => {
    await expect(cluster().eval('return 1', 2, 'refresh-session:{a}:f', 'refresh-sessions-of:{b}')).rejects.toThrow(
      /CROSSSLOT/,
    );
  });

  it("writes every key of a user's sessions in the slot of the user's hash tag", async () => {
    const userId = randomUUID();
    const store = new RedisRefreshSessionStore(cluster());
    const seconds = Math.floor(Date.now() / 1000);
    const first = { tokenId: 'first', issuedAt: seconds, expiresAt: seconds + 60 };
    await store.start({ userId, generation: 0, familyId: randomUUID(), first, endsAt: seconds + 3600 });
    await store.revokeAllOf(userId);
    await store.start({ userId, generation: 1, familyId: randomUUID(), first, endsAt: seconds + 3600 });
    const keys = await keysMatching(cluster(), `*${userId}*`);
    expect(keys.map((key) => key.split(':')[0]).sort()).toEqual([
      'refresh-generation',
      'refresh-session',
      'refresh-sessions-of',
    ]);
    const slot = await cluster().cluster('KEYSLOT', `{${userId}}`);
    for (const key of keys) expect(await cluster().cluster('KEYSLOT', key)).toBe(slot);
  });
});

describe('RedisRefreshSessionStore while Redis is unreachable', () => {
  const unreachable = unreachableRedis();
  afterAll(() => unreachable.disconnect());

  it('fails with 503 (sessions_unavailable, Retry-After), not as a bug of the request', async () => {
    const store = new RedisRefreshSessionStore(unreachable);
    await expect(store.revokeAllOf('user-1')).rejects.toMatchObject({
      kind: 'unavailable',
      code: 'sessions_unavailable',
      retryAfterSeconds: 5,
    });
    await expect(store.generation('user-1')).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
