import { testConfig } from '../../testing/test-app';
import { capturedLogger } from '../testing/logs';
import { unreachableRedis } from '../testing/redis';
import { createAuth } from './auth';

function authWhileRedisIsDown(env: Record<string, string>) {
  const { logger, lines } = capturedLogger('info');
  const redis = unreachableRedis();
  const auth = createAuth({ config: testConfig(env), logger, redis, cacheRevocations: false });
  return { auth, lines, close: () => redis.disconnect() };
}

describe('authentication while the shared revocation list is unreachable', () => {
  it('refuses administrators (503) and accepts users by default, and says so once in the log', async () => {
    const { auth, lines, close } = authWhileRedisIsDown({});
    const admin = await auth.accessTokens.issue('admin-1', 'session-1', ['admin', 'user']);
    const user = await auth.accessTokens.issue('user-1', 'session-2', ['user']);
    await expect(auth.accessTokens.verify(admin.token)).rejects.toMatchObject({ code: 'revocations_unavailable' });
    await expect(auth.accessTokens.verify(user.token)).resolves.toMatchObject({ userId: 'user-1' });
    await expect(auth.accessTokens.verify(user.token)).resolves.toMatchObject({ userId: 'user-1' });
    const outage = lines.filter((line) => line.includes('revocation list unreachable'));
    expect(outage).toHaveLength(1);
    expect(outage[0]).toContain('role admin are refused (503)');
    close();
  });

  it('accepts every token with AUTH_FAIL_CLOSED_ROLES=none, and refuses every one with admin,user', async () => {
    const open = authWhileRedisIsDown({ AUTH_FAIL_CLOSED_ROLES: 'none' });
    const admin = await open.auth.accessTokens.issue('admin-1', 'session-1', ['admin', 'user']);
    await expect(open.auth.accessTokens.verify(admin.token)).resolves.toMatchObject({ userId: 'admin-1' });
    open.close();
    const closed = authWhileRedisIsDown({ AUTH_FAIL_CLOSED_ROLES: 'admin,user' });
    const user = await closed.auth.accessTokens.issue('user-1', 'session-2', ['user']);
    await expect(closed.auth.accessTokens.verify(user.token)).rejects.toMatchObject({ kind: 'unavailable' });
    closed.close();
  });
});
