import type { RedisConnection } from '../../../shared/infrastructure/redis';
import { UnavailableError } from '../../../shared/kernel/domain-error';
import type {
  NewRefreshSession,
  RefreshSessionStore,
  RefreshTokenGrant,
  Rotation,
  RotationRequest,
} from '../application/ports';

/*
 * A family is a hash (current token and its validity, the previous token and when it was rotated away, the session's
 * end); a user's index is a sorted set of family ids scored by each family's end, and expires with the last of them,
 * so it can never forget a family it lists; a user's generation counts the times all their sessions ended. Every key
 * carries the user id as a hash tag, so on Redis Cluster a user's keys sit in one slot, and every script declares
 * the keys it touches. Token times are epoch seconds, `now` epoch ms, from the caller's clock.
 */

/**
 * Nothing when the user's generation moved on since the login read it. The index keeps families a day past their
 * end, so an instance whose clock runs ahead cannot drop a live one. KEYS: family, index, generation. ARGV: family
 * id, token id, issued at (s), expires at (s), session end (s), now (ms), generation read.
 */
const START_SCRIPT = `
if (tonumber(redis.call('GET', KEYS[3])) or 0) ~= tonumber(ARGV[7]) then return 0 end
redis.call('HSET', KEYS[1], 'current', ARGV[2], 'issuedAt', ARGV[3], 'expiresAt', ARGV[4], 'endsAt', ARGV[5])
redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[4]) * 1000)
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. (math.floor(tonumber(ARGV[6]) / 1000) - 86400))
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[2], tonumber(last[2]) * 1000)
return 1
`;

/**
 * Compare-and-set, so two instances racing on one token cannot both rotate it.
 * KEYS: family, index. ARGV: family id, presented token id, next id, issued at (s), expires at (s), now (ms), grace (ms).
 */
const ROTATE_SCRIPT = `
local f = redis.call('HMGET', KEYS[1], 'current', 'previous', 'rotatedAt', 'issuedAt', 'expiresAt', 'endsAt')
local now = tonumber(ARGV[6])
if not f[1] or now >= tonumber(f[5]) * 1000 or now >= tonumber(f[6]) * 1000 then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
  return {'unknown'}
end
if f[1] == ARGV[2] then
  redis.call('HSET', KEYS[1], 'current', ARGV[3], 'issuedAt', ARGV[4], 'expiresAt', ARGV[5],
    'previous', ARGV[2], 'rotatedAt', ARGV[6])
  redis.call('PEXPIREAT', KEYS[1], tonumber(ARGV[5]) * 1000)
  return {'rotated'}
end
if f[2] == ARGV[2] and now - tonumber(f[3]) < tonumber(ARGV[7]) then
  return {'retried', f[1], f[4], f[5]}
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return {'reused'}
`;

/**
 * Every family listed, revoked in one step, and the generation moved on (kept a day: logins in flight take a second);
 * refused (0) when the index no longer holds exactly the families read before, so that a login in between is not
 * missed. KEYS: generation, index, then each family. ARGV: their ids.
 */
const REVOKE_ALL_SCRIPT = `
if redis.call('ZCARD', KEYS[2]) ~= #ARGV then return 0 end
for i, familyId in ipairs(ARGV) do
  if not redis.call('ZSCORE', KEYS[2], familyId) then return 0 end
  redis.call('DEL', KEYS[i + 2])
end
redis.call('DEL', KEYS[2])
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], 86400)
return 1
`;

/** KEYS: family, index. ARGV: family id. */
const REVOKE_SCRIPT = `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[1])
`;

/** Attempts of revokeAllOf while logins keep changing the index; each is one round trip. */
const REVOKE_ALL_ATTEMPTS = 5;
/** How soon a client whose session could not be read or written should try again. */
const RETRY_AFTER_SECONDS = 5;

/** Redis failing is no bug of the request's: 503, with the cause logged. */
async function orUnavailable<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw new UnavailableError('Sessions cannot be reached right now', 'sessions_unavailable', RETRY_AFTER_SECONDS, {
      cause: error,
    });
  }
}

export class RedisRefreshSessionStore implements RefreshSessionStore {
  constructor(
    private readonly redis: RedisConnection,
    private readonly now: () => number = Date.now,
  ) {}

  async generation(userId: string): Promise<number> {
    return Number((await orUnavailable(this.redis.get(generationKey(userId)))) ?? 0);
  }

  async start({ userId, generation, familyId, first, endsAt }: NewRefreshSession): Promise<boolean> {
    const keys = [familyKey(userId, familyId), indexKey(userId), generationKey(userId)];
    const args = [familyId, first.tokenId, first.issuedAt, first.expiresAt, endsAt, this.now(), generation];
    return (await orUnavailable(this.redis.eval(START_SCRIPT, 3, ...keys, ...args))) === 1;
  }

  async rotate({ userId, familyId, presentedTokenId, next, graceMs }: RotationRequest): Promise<Rotation> {
    const keys = [familyKey(userId, familyId), indexKey(userId)];
    const args = [familyId, presentedTokenId, next.tokenId, next.issuedAt, next.expiresAt, this.now(), graceMs];
    const reply: unknown = await orUnavailable(this.redis.eval(ROTATE_SCRIPT, 2, ...keys, ...args));
    const [outcome, tokenId, issuedAt, expiresAt] = Array.isArray(reply) ? reply.map(String) : [];
    if (outcome === 'retried' && tokenId !== undefined) {
      return { outcome, current: grant(tokenId, issuedAt, expiresAt) };
    }
    if (outcome === 'rotated' || outcome === 'reused' || outcome === 'unknown') return { outcome };
    throw new Error(`Unexpected refresh rotation reply: ${JSON.stringify(reply)}`);
  }

  async revoke(userId: string, familyId: string): Promise<void> {
    await orUnavailable(this.redis.eval(REVOKE_SCRIPT, 2, familyKey(userId, familyId), indexKey(userId), familyId));
  }

  async revokeAllOf(userId: string): Promise<readonly string[]> {
    for (let attempt = 0; attempt < REVOKE_ALL_ATTEMPTS; attempt += 1) {
      const families = await orUnavailable(this.redis.zrange(indexKey(userId), 0, -1));
      const keys = [generationKey(userId), indexKey(userId), ...families.map((id) => familyKey(userId, id))];
      const revoked = await orUnavailable(this.redis.eval(REVOKE_ALL_SCRIPT, keys.length, ...keys, ...families));
      if (revoked === 1) return families;
    }
    throw new Error(`Could not end every session of user ${userId}: its sessions kept changing`);
  }
}

function grant(tokenId: string, issuedAt: string | undefined, expiresAt: string | undefined): RefreshTokenGrant {
  return { tokenId, issuedAt: Number(issuedAt), expiresAt: Number(expiresAt) };
}

function familyKey(userId: string, familyId: string): string {
  return `refresh-session:{${userId}}:${familyId}`;
}

function indexKey(userId: string): string {
  return `refresh-sessions-of:{${userId}}`;
}

function generationKey(userId: string): string {
  return `refresh-generation:{${userId}}`;
}
