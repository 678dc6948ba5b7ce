/**
 * The built server on a Redis Cluster (REDIS_CLUSTER_NODES, no REDIS_URL): sessions, revocations, limits and the
 * cache all on the cluster client. Without a cluster the phase says NOT RUN.
 */
import { client, cookieNamed, expectStatus, log, type ServerHandle, startServer, waitForReady } from '../helpers';
import { type GeneratedProject, REFRESH_COOKIE } from '../project';
import { redisClusterNodes } from '../redis-cluster';

export function clusterPhase(getProject: () => GeneratedProject): void {
  const nodes = redisClusterNodes();
  if (nodes === undefined) {
    const notRun = 'NOT RUN: the built server on a Redis Cluster: REDIS_CLUSTER_NODES is not set (.ci/run makes one)';
    log(notRun);
    it.skip(notRun, () => undefined);
    return;
  }
  let server: ServerHandle | undefined;

  afterAll(() => {
    server?.kill();
  });

  it('registers, logs in, reads its account twice, refreshes, refuses a replay and logs out, on the cluster', async () => {
    server = await startServer(getProject().dir, { REDIS_URL: undefined, REDIS_CLUSTER_NODES: nodes });
    expect((await waitForReady(server)).body).toEqual({ status: 'ready', checks: { redis: 'up' } });
    const api = client(server.baseUrl);
    const credentials = { email: `cluster-${String(server.port)}@example.com`, password: 'cluster phase password 1' };
    expectStatus(await api('POST', '/api/v1/auth/register', { json: credentials }), 201, 'register');
    const login = expectStatus(await api('POST', '/api/v1/auth/login', { json: credentials }), 200, 'login');
    const token: string = login.body.accessToken;
    for (const read of ['me', 'me again (cached)']) {
      const me = expectStatus(await api('GET', '/api/v1/auth/me', { token }), 200, read);
      expect(me.body.user.email).toBe(credentials.email);
    }
    const cookie = cookieNamed(login, REFRESH_COOKIE).pair;
    const refreshed = expectStatus(await api('POST', '/api/v1/auth/refresh', { cookie }), 200, 'refresh');
    const next = cookieNamed(refreshed, REFRESH_COOKIE).pair;
    const nextToken: string = refreshed.body.accessToken;
    const logout = await api('POST', '/api/v1/auth/logout', { token: nextToken, cookie: next });
    expectStatus(logout, 204, 'logout');
    expectStatus(await api('GET', '/api/v1/auth/me', { token: nextToken }), 401, 'me after logout');
    expectStatus(await api('POST', '/api/v1/auth/refresh', { cookie: next }), 401, 'refresh after logout');
    expect(server.output()).not.toMatch(/"level":(50|60)/); // no error logged
  });
}
