import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signUp, type TestAccount } from '../../../shared/testing/accounts';
import { buildTestApp } from '../../../testing/test-app';

const ADMIN_EMAIL = 'first-admin@example.com';
const USERS = '/api/v1/users';
const ME = '/api/v1/auth/me';

describe(USERS, () => {
  // Many sign-ups from one address here: more than the default registration budget.
  const app = buildTestApp({
    env: { ADMIN_EMAILS: ADMIN_EMAIL.toUpperCase(), RATE_LIMIT_REGISTRATIONS_PER_IP: '1000/1h' },
  });
  let admin: TestAccount;
  let user: TestAccount;
  const as = (account: TestAccount) => ({
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${account.accessToken}`),
    put: (path: string) => request(app).put(path).set('Authorization', `Bearer ${account.accessToken}`),
    post: (path: string) => request(app).post(path).set('Authorization', `Bearer ${account.accessToken}`),
  });

  beforeAll(async () => {
    [admin, user] = await Promise.all([signUp(app, ADMIN_EMAIL), signUp(app)]);
  });

  it('makes whoever registers with an ADMIN_EMAILS address an administrator, and nobody else', async () => {
    expect((await as(admin).get(ME).expect(200)).body.user.roles).toEqual(['admin', 'user']);
    expect((await as(user).get(ME).expect(200)).body.user.roles).toEqual(['user']);
  });

  it('answers 403 to a user on every administration route (function-level authorization)', async () => {
    await as(user).get(USERS).expect(403);
    await as(user).put(`${USERS}/${admin.userId}/roles`).send({ roles: [] }).expect(403);
    await as(user)
      .put(`${USERS}/${user.userId}/roles`)
      .send({ roles: ['admin'] })
      .expect(403);
    await as(user).post(`${USERS}/${admin.userId}/disable`).expect(403);
    await request(app).get(USERS).expect(401);
  });

  it('lists users for an administrator, without password hashes', async () => {
    const response = await as(admin).get(`${USERS}?limit=100`).expect(200);
    expect(response.body.items).toContainEqual(expect.objectContaining({ id: user.userId, roles: ['user'] }));
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('pages through users with nextCursor (null on the last page), oldest first unless sort=-createdAt', async () => {
    await Promise.all([signUp(app), signUp(app)]);
    const listAll = async (query: string) => {
      const ids: unknown[] = [];
      let cursor: string | null = null;
      do {
        const next: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
        const page = await as(admin).get(`${USERS}?limit=1${query}${next}`).expect(200);
        expect(Object.keys(page.body).sort()).toEqual(['items', 'nextCursor']);
        ids.push(...(page.body.items as { id: string }[]).map((listed) => listed.id));
        cursor = typeof page.body.nextCursor === 'string' ? page.body.nextCursor : null;
      } while (cursor !== null && ids.length < 1000);
      return ids;
    };
    const oldestFirst = await listAll('');
    expect(oldestFirst).toEqual(expect.arrayContaining([admin.userId, user.userId]));
    expect(new Set(oldestFirst).size).toBe(oldestFirst.length);
    expect(await listAll('&sort=-createdAt')).toEqual([...oldestFirst].reverse());
    const admins = await listAll('&role=admin');
    expect(admins).toContain(admin.userId);
    expect(admins).not.toContain(user.userId);
  });

  it('answers 400 on cursor for a garbled cursor or one issued for the other sort, and on unknown parameters', async () => {
    const { nextCursor } = (await as(admin).get(`${USERS}?limit=1`).expect(200)).body;
    const cursor = encodeURIComponent(String(nextCursor));
    for (const query of [`sort=-createdAt&cursor=${cursor}`, `role=admin&cursor=${cursor}`, 'cursor=garbled']) {
      const response = await as(admin).get(`${USERS}?${query}`).expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
    }
    const invalid = ['offset=1', 'limit=0', 'limit=101', 'sort=email', 'role=user'];
    for (const query of invalid) await as(admin).get(`${USERS}?${query}`).expect(400);
  });

  it('changes roles at once: the old token stops working and the next login carries the new roles', async () => {
    const promoted = await signUp(app);
    const changed = await as(admin)
      .put(`${USERS}/${promoted.userId}/roles`)
      .send({ roles: ['admin'] })
      .expect(200);
    expect(changed.body.user.roles).toEqual(['admin', 'user']);
    await as(promoted).get(ME).expect(401);
    const again = await signUp(app, promoted.email).catch(() => undefined); // already registered
    expect(again).toBeUndefined();
    const login = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: promoted.email, password: promoted.password })
      .expect(200);
    const token = String(login.body.accessToken);
    await request(app).get(USERS).set('Authorization', `Bearer ${token}`).expect(200);

    await as(admin).put(`${USERS}/${promoted.userId}/roles`).send({ roles: [] }).expect(200);
    await request(app).get(USERS).set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('disables a user: their sessions end and they cannot log in again', async () => {
    const target = await signUp(app);
    await as(admin).post(`${USERS}/${target.userId}/disable`).expect(200);
    await as(target).get(ME).expect(401);
    await request(app).post('/api/v1/auth/login').send({ email: target.email, password: target.password }).expect(401);
    await request(app).post('/api/v1/auth/refresh').set('Cookie', target.refreshCookie).expect(401);
  });

  it('refuses bad requests: unknown roles or keys (400), an unknown user (404), disabling oneself (403)', async () => {
    await as(admin)
      .put(`${USERS}/${user.userId}/roles`)
      .send({ roles: ['root'] })
      .expect(400);
    await as(admin)
      .put(`${USERS}/${user.userId}/roles`)
      .send({ roles: [], permissions: ['*'] })
      .expect(400);
    await as(admin).put(`${USERS}/${randomUUID()}/roles`).send({ roles: [] }).expect(404);
    await as(admin).post(`${USERS}/${admin.userId}/disable`).expect(403);
  });

  it('refuses to demote the last active administrator (409 last_admin), who keeps the role and the session', async () => {
    const admins = await as(admin).get(`${USERS}?role=admin`).expect(200);
    expect(admins.body.items).toEqual([expect.objectContaining({ id: admin.userId })]);
    const response = await as(admin)
      .put(`${USERS}/${admin.userId}/roles`)
      .send({ roles: ['user'] })
      .expect(409);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ code: 'last_admin', detail: expect.stringMatching(/only active.*first/) });
    expect((await as(admin).get(ME).expect(200)).body.user.roles).toEqual(['admin', 'user']);
  });
});
