import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describeWithEveryRedis, unreachableRedis } from '../testing/redis';
import {
  InMemoryRevocationList,
  InsuredRevocationList,
  RedisRevocationList,
  type RevocationList,
} from './revocation-list';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function contract(list: () => RevocationList): void {
  it('revokes a token until it expires', async () => {
    const revoked = randomUUID();
    await list().revoke(revoked, inAnHour());
    expect(await list().isRevoked(revoked)).toBe(true);
    expect(await list().isRevoked(randomUUID())).toBe(false);
  });

  it('forgets tokens that have expired anyway', async () => {
    const expired = randomUUID();
    await list().revoke(expired, Math.floor(Date.now() / 1000) - 1);
    expect(await list().isRevoked(expired)).toBe(false);
  });
}

describe('RevocationList — in-memory', () => {
  const list = new InMemoryRevocationList();
  contract(() => list);
});

describeWithEveryRedis('RevocationList', (redis) => {
  contract(() => new RedisRevocationList(redis()));

  it('is shared by every instance on the same Redis', async () => {
    const tokenId = randomUUID();
    await new RedisRevocationList(redis()).revoke(tokenId, inAnHour());
    expect(await new RedisRevocationList(redis()).isRevoked(tokenId)).toBe(true);
  });
});

describe('InsuredRevocationList while Redis is unreachable', () => {
  const unreachable = unreachableRedis();
  const list = new InsuredRevocationList(new RedisRevocationList(unreachable), pino({ level: 'silent' }), 'test');

  afterAll(() => {
    unreachable.disconnect();
  });

  it('keeps answering: revoked for what this process revoked, unknown (never "not revoked") for the rest', async () => {
    const sessionId = randomUUID();
    await list.revoke(sessionId, inAnHour());
    expect(await list.isRevoked(sessionId)).toBe(true);
    expect(await list.isRevoked(randomUUID())).toBeUndefined();
  });
});
