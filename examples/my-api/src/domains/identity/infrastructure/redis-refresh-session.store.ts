import type { Redis } from 'ioredis';
import type { RefreshSessionStore, RotationOutcome } from '../application/ports';

/** Compare-and-set in one script, so two instances racing on one token cannot both rotate it. */
const ROTATE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if not current then return 'unknown' end
if current ~= ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'reused'
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
return 'rotated'
`;

export class RedisRefreshSessionStore implements RefreshSessionStore {
  constructor(private readonly redis: Redis) {}

  async start(familyId: string, tokenId: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key(familyId), tokenId, 'EX', ttlSeconds);
  }

  async rotate(
    familyId: string,
    presentedTokenId: string,
    nextTokenId: string,
    ttlSeconds: number,
  ): Promise<RotationOutcome> {
    const outcome: unknown = await this.redis.eval(
      ROTATE_SCRIPT,
      1,
      key(familyId),
      presentedTokenId,
      nextTokenId,
      ttlSeconds,
    );
    if (outcome === 'rotated' || outcome === 'reused' || outcome === 'unknown') return outcome;
    throw new Error(`Unexpected refresh rotation outcome: ${String(outcome)}`);
  }

  async revoke(familyId: string): Promise<void> {
    await this.redis.del(key(familyId));
  }
}

function key(familyId: string): string {
  return `refresh-family:${familyId}`;
}
