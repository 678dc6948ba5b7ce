import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import pino from 'pino';
import type { MasterConnections } from '../infrastructure/redis-cluster';
import { eventually } from '../testing/eventually';
import { describeWithRedisCluster, masterOf } from '../testing/redis';
import { CachedRevocationList } from './cached-revocation-list';
import { trackRevocationChangesOnCluster } from './cluster-revocation-tracking';
import { RedisRevocationList, REVOKED_KEY_PREFIX } from './revocation-list';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

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
