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

/** Every family of the user, revoked in one step so that no rotation slips in between. */
const REVOKE_ALL_SCRIPT = `
local families = redis.call('SMEMBERS', KEYS[1])
for _, familyId in ipairs(families) do redis.call('DEL', ARGV[1] .. familyId) end
redis.call('DEL', KEYS[1])
return families
`;

export class RedisRefreshSessionStore implements RefreshSessionStore {
  constructor(private readonly redis: Redis) {}

  async start(familyId: string, userId: string, tokenId: string, ttlSeconds: number): Promise<void> {
    await this.redis
      .multi()
      .set(key(familyId), tokenId, 'EX', ttlSeconds)
      .sadd(userKey(userId), familyId)
      .expire(userKey(userId), ttlSeconds)
      .exec();
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

  async revokeAllOf(userId: string): Promise<readonly string[]> {
    const families: unknown = await this.redis.eval(REVOKE_ALL_SCRIPT, 1, userKey(userId), FAMILY_PREFIX);
    return Array.isArray(families) ? families.map(String) : [];
  }
}

const FAMILY_PREFIX = 'refresh-family:';

function key(familyId: string): string {
  return `${FAMILY_PREFIX}${familyId}`;
}

function userKey(userId: string): string {
  return `refresh-families-of:${userId}`;
}
