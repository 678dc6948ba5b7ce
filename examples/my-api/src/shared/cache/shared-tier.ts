import { Cluster, type Redis } from 'ioredis';
import type { RedisConnection } from '../infrastructure/redis';
import { datedJson } from './dated-json';

/** The version of a value that has none: any version-less invalidation outdates it. */
export const UNVERSIONED = 0;
/** What an invalidation without a version (a delete, a record without versions) leaves: it outdates every value. */
export const EVERY_VERSION = Number.MAX_SAFE_INTEGER;

// An entry is a hash: `version`, the newest version written or invalidated, and `value`, absent in a tombstone.
// Writes a value only over an older version (or none), so a load that a write outdated cannot land after it.
const PUT_SCRIPT = `
local known = tonumber(redis.call('HGET', KEYS[1], 'version'))
if known ~= nil and known > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'value', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

// Leaves a tombstone of the version (unless the entry already holds that version or a newer one), for one TTL from
// now: the loads in flight when the write landed are refused for that long.
const INVALIDATE_SCRIPT = `
local known = tonumber(redis.call('HGET', KEYS[1], 'version'))
if known == nil or known < tonumber(ARGV[1]) then
  redis.call('HDEL', KEYS[1], 'value')
  redis.call('HSET', KEYS[1], 'version', ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The tier every instance shares, in Redis: versioned entries written by Lua scripts (bentocache's Redis tier
 * has no conditional write). Keys are `cache:<context>:<id>`, each command and script touches one: on a Redis Cluster
 * the entries spread over every node.
 */
export class SharedTier {
  constructor(
    private readonly redis: RedisConnection,
    private readonly ttlMs: number,
    /** What every key starts with; tests give their own, so that clearing theirs clears nobody else's. */
    private readonly prefix = 'cache:',
  ) {}

  async get(context: string, key: string): Promise<unknown> {
    const text = await this.redis.hget(this.keyOf(context, key), 'value');
    return text === null ? undefined : datedJson.deserialize(text);
  }

  /** Whether `value` was written: false when the entry holds a newer version (or a tombstone of one). */
  async put(context: string, key: string, version: number, value: unknown): Promise<boolean> {
    const text = datedJson.serialize(value);
    const written = await this.redis.eval(PUT_SCRIPT, 1, this.keyOf(context, key), version, text, this.ttlMs);
    return written === 1;
  }

  async invalidate(context: string, key: string, version: number): Promise<void> {
    await this.redis.eval(INVALIDATE_SCRIPT, 1, this.keyOf(context, key), version, this.ttlMs);
  }

  /** Deletes every entry, tombstones included: on a cluster, those of every master. */
  async clear(): Promise<void> {
    const nodes = this.redis instanceof Cluster ? this.redis.nodes('master') : [this.redis];
    await Promise.all(nodes.map((node) => this.clearNode(node)));
  }

  private async clearNode(node: Redis): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 1_000);
      // One key per UNLINK, through the client: a cluster refuses a command on keys of several slots (CROSSSLOT).
      await Promise.all(keys.map((key) => this.redis.unlink(key)));
      cursor = next;
    } while (cursor !== '0');
  }

  private keyOf(context: string, key: string): string {
    return `${this.prefix}${context}:${key}`;
  }
}
