/**
 * Phase "authorization" (inside the domain phase, while orders, posts (--access shared) and settings (--access
 * admin) exist): OWASP API1 (object level) and API5 (function level) against two built servers that share one
 * MongoDB (emulated) and one Redis:
 * - a user cannot read, list, change or delete another user's order, nor call the administration routes;
 * - a role cannot be gained by editing the token (signature) or by the request body;
 * - an administrator can; shared and admin contexts answer as their policies say;
 * - an administrator demoted on one instance loses those rights on the next request on both.
 */
import {
  client,
  describeResponse,
  type HttpResponse,
  outputsOf,
  type ServerHandle,
  signUp,
  startTwoServers,
} from '../helpers';
import type { GeneratedProject } from '../project';

const ADMIN_EMAIL = `root-${Date.now()}@example.com`;
const PASSWORD = 'correct horse battery staple';
const USERS = '/api/v1/users';

/** The token with its payload's roles replaced and its signature kept: what an attacker can make. */
function withForgedRoles(token: string, roles: readonly string[]): string {
  const [header = '', payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
  const forged = Buffer.from(JSON.stringify({ ...claims, roles })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

export function authorizationPhase(getProject: () => GeneratedProject, order: Readonly<Record<string, unknown>>): void {
  describe('authorization: OWASP API1 and API5 on two instances', () => {
    let a: ServerHandle;
    let b: ServerHandle;
    let admin = '';
    let alice = '';
    let bob = '';
    let aliceId = '';
    let aliceEmail = '';
    let orderId = '';
    const outputs = (): string => outputsOf([a, b]);
    const expectStatuses = (responses: readonly HttpResponse[], statuses: readonly number[], what: string): void => {
      const got = responses.map((response) => response.status);
      if (got.join() !== statuses.join()) {
        throw new Error(`${what}: ${responses.map(describeResponse).join('\n')}${outputs()}`);
      }
    };

    beforeAll(async () => {
      const project = getProject();
      const env = {
        REDIS_URL: project.redisUrl,
        MONGODB_URI: project.mongo.uri,
        ADMIN_EMAILS: ADMIN_EMAIL,
        RATE_LIMIT_POINTS: '1000000',
        RATE_LIMIT_REGISTRATIONS_PER_IP: '1000/1h',
      };
      [a, b] = await startTwoServers(project.dir, env);
      const api = client(a.baseUrl);
      admin = await signUp(api, ADMIN_EMAIL);
      aliceEmail = `authz-alice-${Date.now()}@example.com`;
      alice = await signUp(api, aliceEmail, PASSWORD);
      bob = await signUp(api, `authz-bob-${Date.now()}@example.com`);
      aliceId = (await api('GET', '/api/v1/auth/me', { token: alice })).body.user.id;
      const created = await api('POST', '/api/v1/orders', { token: alice, json: { ...order, sku: `AUTHZ-${Date.now()}` } });
      if (created.status !== 201) throw new Error(`create: ${describeResponse(created)}${outputs()}`);
      orderId = created.body.order.id;
    }, 90_000);

    afterAll(() => {
      a?.kill();
      b?.kill();
    });

    it("API1: bob cannot read, list, change or delete alice's order, on either instance (404, existence private)", async () => {
      for (const server of [a, b]) {
        const api = client(server.baseUrl);
        const path = `/api/v1/orders/${orderId}`;
        const responses = [
          await api('GET', path, { token: bob }),
          await api('PATCH', path, { token: bob, json: { title: 'mine now' } }),
          await api('DELETE', path, { token: bob }),
        ];
        expectStatuses(responses, [404, 404, 404], `bob on ${server.baseUrl}`);
        const list = await api('GET', '/api/v1/orders', { token: bob });
        expect(list.body.items.map((item: { id: string }) => item.id)).not.toContain(orderId);
      }
      expect((await client(b.baseUrl)('GET', `/api/v1/orders/${orderId}`, { token: alice })).body.order.title).toBe(
        order.title,
      );
    });

    it('API5: bob cannot call the administration routes (403), nor gain a role by token or body', async () => {
      const api = client(a.baseUrl);
      expectStatuses(
        [
          await api('GET', USERS, { token: bob }),
          await api('PUT', `${USERS}/${aliceId}/roles`, { token: bob, json: { roles: [] } }),
          await api('POST', `${USERS}/${aliceId}/disable`, { token: bob }),
        ],
        [403, 403, 403],
        'bob on the administration routes',
      );
      // Edited claims break the signature.
      expectStatuses([await api('GET', USERS, { token: withForgedRoles(bob, ['admin', 'user']) })], [401], 'forged');
      // Strict bodies: no key grants a role.
      const email = `authz-mallory-${Date.now()}@example.com`;
      const register = (extra: Record<string, unknown>) =>
        api('POST', '/api/v1/auth/register', { json: { email, password: PASSWORD, ...extra } });
      expectStatuses(
        [await register({ role: 'admin' }), await register({ roles: ['admin'] }), await register({ permissions: ['*'] })],
        [400, 400, 400],
        'register with role keys',
      );
      const patch = await api('PATCH', `/api/v1/orders/${orderId}`, { token: alice, json: { ownerId: 'someone' } });
      expectStatuses([patch], [400], 'an owner change in the body');
    });

    it('an administrator lists users, reads any order, and each access model answers as its policy says', async () => {
      const onB = client(b.baseUrl);
      expectStatuses([await onB('GET', USERS, { token: admin })], [200], 'admin lists users');
      expectStatuses([await onB('GET', `/api/v1/orders/${orderId}`, { token: admin })], [200], 'admin reads');
      const post = await onB('POST', '/api/v1/posts', { token: alice, json: { title: 'Hello' } });
      expectStatuses([post], [201], 'alice posts');
      const postPath = `/api/v1/posts/${post.body.post.id}`;
      expectStatuses(
        [
          await onB('GET', postPath, { token: bob }),
          await onB('PATCH', postPath, { token: bob, json: { title: 'Hijacked' } }),
          await onB('DELETE', postPath, { token: bob }),
          await onB('PATCH', postPath, { token: admin, json: { title: 'Moderated' } }),
        ],
        [200, 403, 403, 200],
        'shared posts',
      );
      expectStatuses(
        [
          await onB('POST', '/api/v1/settings', { token: bob, json: { key: 'theme', value: 'dark' } }),
          await onB('GET', '/api/v1/settings', { token: bob }),
          await onB('POST', '/api/v1/settings', { token: admin, json: { key: 'theme', value: 'dark' } }),
          await onB('GET', '/api/v1/settings', { token: admin }),
        ],
        [403, 403, 201, 200],
        'admin-only settings',
      );
    });

    it('a demoted administrator loses admin rights on the next request, on both instances', async () => {
      const onA = client(a.baseUrl);
      const onB = client(b.baseUrl);
      const promote = await onA('PUT', `${USERS}/${aliceId}/roles`, { token: admin, json: { roles: ['admin'] } });
      expectStatuses([promote, await onA('GET', '/api/v1/auth/me', { token: alice })], [200, 401], 'promote alice');
      const login = await onA('POST', '/api/v1/auth/login', { json: { email: aliceEmail, password: PASSWORD } });
      const aliceAdmin = String(login.body.accessToken);
      expectStatuses(
        [await onA('GET', USERS, { token: aliceAdmin }), await onB('GET', USERS, { token: aliceAdmin })],
        [200, 200],
        'alice as an administrator',
      );
      const demote = await onB('PUT', `${USERS}/${aliceId}/roles`, { token: admin, json: { roles: [] } });
      expectStatuses([demote], [200], 'demote alice on B');
      expectStatuses(
        [await onA('GET', USERS, { token: aliceAdmin }), await onB('GET', USERS, { token: aliceAdmin })],
        [401, 401],
        'the demoted administrator on A and B',
      );
    });
  });
}
