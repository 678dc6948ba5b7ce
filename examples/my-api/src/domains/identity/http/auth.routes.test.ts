import request from 'supertest';
import { refreshCookieOf, signUp, uniqueEmail } from '../../../shared/testing/accounts';
import { MemoryAuditLog } from '../../../shared/infrastructure/audit-log';
import { buildTestApp } from '../../../testing/test-app';

const password = 'correct horse battery staple';

describe('POST /api/v1/auth/register', () => {
  const app = buildTestApp();

  it('creates an account and never returns the password hash', async () => {
    const email = uniqueEmail();
    const response = await request(app).post('/api/v1/auth/register').send({ email, password }).expect(201);
    expect(response.body.user).toEqual({
      id: expect.any(String),
      email,
      roles: ['user'],
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/scrypt|passwordHash/);
  });

  it('refuses a body that asks for roles or permissions (400), so nobody grants themselves a role', async () => {
    for (const extra of [{ role: 'admin' }, { roles: ['admin'] }, { permissions: ['*'] }]) {
      await request(app)
        .post('/api/v1/auth/register')
        .send({ email: uniqueEmail(), password, ...extra })
        .expect(400);
    }
  });

  it('answers 409 for an email already registered, whatever its case', async () => {
    const email = uniqueEmail();
    await request(app).post('/api/v1/auth/register').send({ email, password }).expect(201);
    const again = await request(app).post('/api/v1/auth/register').send({ email: email.toUpperCase(), password });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('email_taken');
  });

  it.each([
    ['an invalid email', { email: 'nope', password }],
    ['a short password', { email: uniqueEmail(), password: 'short' }],
    ['an unknown key', { email: uniqueEmail(), password, role: 'admin' }],
    ['an operator instead of a string', { email: { $ne: null }, password }],
    ['a NUL byte in the email', { email: 'a\u0000b@example.com', password }],
  ])('answers 400 with details for %s', async (_case, body) => {
    const response = await request(app).post('/api/v1/auth/register').send(body).expect(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body.errors.length).toBeGreaterThan(0);
  });
});

describe('POST /api/v1/auth/login', () => {
  const app = buildTestApp();

  it('returns an access token and sets a __Secure- prefixed, Secure, strict HttpOnly refresh cookie', async () => {
    const email = uniqueEmail();
    await request(app).post('/api/v1/auth/register').send({ email, password }).expect(201);
    const response = await request(app).post('/api/v1/auth/login').send({ email, password }).expect(200);
    expect(response.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { email } });
    expect(response.headers['cache-control']).toBe('no-store');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(
      /^__Secure-refresh_token=.+; Max-Age=\d+; Path=\/api\/v1\/auth; .*HttpOnly; Secure; SameSite=Strict$/,
    );
  });

  it('answers unknown users and wrong passwords identically', async () => {
    const account = await signUp(app);
    const wrongPassword = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: account.email, password: 'x'.repeat(12) });
    const unknownUser = await request(app).post('/api/v1/auth/login').send({ email: uniqueEmail(), password });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect({ ...wrongPassword.body, requestId: '' }).toEqual({ ...unknownUser.body, requestId: '' });
  });

  it('rejects operator injection', async () => {
    const response = await request(app)
      .post('/api/v1/auth/login')
      .send({ email: { $ne: null }, password: { $ne: null } });
    expect(response.status).toBe(400);
  });
});

describe('GET /api/v1/auth/me', () => {
  const app = buildTestApp();

  it('returns the current user for a valid access token', async () => {
    const account = await signUp(app);
    const response = await request(app)
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${account.accessToken}`)
      .expect(200);
    expect(response.body.user).toMatchObject({ id: account.userId, email: account.email });
  });

  it.each([
    ['no token', undefined],
    ['a malformed header', 'Token abc'],
    ['a garbage token', 'Bearer abc.def.ghi'],
  ])('answers 401 for %s', async (_case, header) => {
    const call = request(app).get('/api/v1/auth/me');
    const response = await (header === undefined ? call : call.set('Authorization', header));
    expect(response.status).toBe(401);
    expect(response.body.code).toMatch(/missing_token|invalid_token/);
  });

  it('does not accept a refresh token as a bearer token', async () => {
    const account = await signUp(app);
    const refreshToken = account.refreshCookie.split('=')[1] ?? '';
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${refreshToken}`).expect(401);
  });
});

describe('POST /api/v1/auth/refresh', () => {
  const app = buildTestApp();

  it('rotates the pair', async () => {
    const account = await signUp(app);
    const response = await request(app).post('/api/v1/auth/refresh').set('Cookie', account.refreshCookie).expect(200);
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(refreshCookieOf(response)).not.toBe(account.refreshCookie);
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
  });

  it('answers 401 without a cookie', async () => {
    const response = await request(app).post('/api/v1/auth/refresh').expect(401);
    expect(response.body.code).toBe('invalid_refresh_token');
  });

  it('answers two tabs refreshing one token at once with the same new cookie, and keeps the session', async () => {
    const account = await signUp(app);
    const refresh = (cookie: string) => request(app).post('/api/v1/auth/refresh').set('Cookie', cookie);
    const [first, second] = await Promise.all([refresh(account.refreshCookie), refresh(account.refreshCookie)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(refreshCookieOf(second)).toBe(refreshCookieOf(first));
    await refresh(refreshCookieOf(first)).expect(200);
  });

  it("ends the whole session on a replay after the grace period, the thief's access token included", async () => {
    const strict = buildTestApp({ env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    const account = await signUp(strict);
    const refresh = (cookie: string) => request(strict).post('/api/v1/auth/refresh').set('Cookie', cookie);
    const stolen = await refresh(account.refreshCookie).expect(200);
    const me = (token: unknown) =>
      request(strict)
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${String(token)}`);
    await me(stolen.body.accessToken).expect(200);
    const replay = await refresh(account.refreshCookie).expect(401);
    expect(replay.headers['set-cookie']).toEqual([expect.stringMatching(/^__Secure-refresh_token=;/)]);
    await refresh(refreshCookieOf(stolen)).expect(401);
    const afterwards = await me(stolen.body.accessToken).expect(401);
    expect(afterwards.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    await me(account.accessToken).expect(401);
  });
});

describe('POST /api/v1/auth/logout', () => {
  const app = buildTestApp();

  it('revokes the access token and the refresh family', async () => {
    const account = await signUp(app);
    const bearer = `Bearer ${account.accessToken}`;
    await request(app)
      .post('/api/v1/auth/logout')
      .set('Authorization', bearer)
      .set('Cookie', account.refreshCookie)
      .expect(204);
    await request(app).get('/api/v1/auth/me').set('Authorization', bearer).expect(401);
    await request(app).post('/api/v1/auth/refresh').set('Cookie', account.refreshCookie).expect(401);
  });

  it('requires authentication', async () => {
    await request(app).post('/api/v1/auth/logout').expect(401);
  });
});

describe('POST /api/v1/auth/password', () => {
  const app = buildTestApp();
  const newPassword = 'a brand new passphrase';

  it('changes the password and ends every session of the user', async () => {
    const account = await signUp(app);
    const otherDevice = await request(app).post('/api/v1/auth/login').send({ email: account.email, password });
    const body = { currentPassword: password, newPassword };
    const response = await request(app)
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${account.accessToken}`)
      .send(body)
      .expect(204);
    expect(response.headers['cache-control']).toBe('no-store');
    for (const token of [account.accessToken, String(otherDevice.body.accessToken)]) {
      await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    }
    for (const cookie of [account.refreshCookie, refreshCookieOf(otherDevice)]) {
      await request(app).post('/api/v1/auth/refresh').set('Cookie', cookie).expect(401);
    }
    await request(app).post('/api/v1/auth/login').send({ email: account.email, password }).expect(401);
    await request(app).post('/api/v1/auth/login').send({ email: account.email, password: newPassword }).expect(200);
  });

  it('requires the current password (401) and a new password that meets the policy (400)', async () => {
    const account = await signUp(app);
    const change = (body: object) =>
      request(app).post('/api/v1/auth/password').set('Authorization', `Bearer ${account.accessToken}`).send(body);
    await change({ currentPassword: 'not the password', newPassword }).expect(401);
    await change({ currentPassword: password, newPassword: 'short' }).expect(400);
    await change({ currentPassword: password }).expect(400);
    await request(app).get('/api/v1/auth/me').set('Authorization', `Bearer ${account.accessToken}`).expect(200);
  });

  it('requires authentication', async () => {
    await request(app).post('/api/v1/auth/password').send({ currentPassword: password, newPassword }).expect(401);
  });
});

describe('the audit trail', () => {
  it('has one [audit] record per security event, with ids and never a secret', async () => {
    const audit = new MemoryAuditLog();
    const app = buildTestApp({ audit, env: { REFRESH_REUSE_GRACE_SECONDS: '0' } });
    const account = await signUp(app);
    const bearer = `Bearer ${account.accessToken}`;
    await request(app).post('/api/v1/auth/logout').set('Authorization', bearer).expect(204);
    const phone = await signUp(app);
    await request(app).post('/api/v1/auth/refresh').set('Cookie', phone.refreshCookie).expect(200);
    await request(app).post('/api/v1/auth/refresh').set('Cookie', phone.refreshCookie).expect(401);
    const laptop = await request(app).post('/api/v1/auth/login').send({ email: phone.email, password });
    await request(app)
      .post('/api/v1/auth/password')
      .set('Authorization', `Bearer ${String(laptop.body.accessToken)}`)
      .send({ currentPassword: password, newPassword: 'a brand new passphrase' })
      .expect(204);
    const sessionOf = (event: string) => audit.events.find((record) => record.event === event)?.sessionId;
    expect(audit.events).toEqual([
      {
        event: 'session.ended',
        outcome: 'success',
        actorId: account.userId,
        userId: account.userId,
        sessionId: sessionOf('session.ended'),
        reason: 'logout',
      },
      {
        event: 'session.replay_detected',
        outcome: 'refused',
        userId: phone.userId,
        sessionId: sessionOf('session.replay_detected'),
      },
      { event: 'password.changed', outcome: 'success', actorId: phone.userId, userId: phone.userId },
    ]);
    expect(sessionOf('session.ended')).toEqual(expect.any(String));
    const text = JSON.stringify(audit.events);
    for (const secret of [password, account.accessToken, account.refreshCookie, phone.refreshCookie]) {
      expect(text).not.toContain(secret);
    }
  });
});
