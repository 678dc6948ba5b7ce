import request from 'supertest';
import { refreshCookieOf, signUp, uniqueEmail } from '../../../shared/testing/accounts';
import { buildTestApp } from '../../../testing/test-app';
import { ScryptPasswordHasher } from '../infrastructure/scrypt-password-hasher';

const password = 'correct horse battery staple';
const wrong = 'not the password, surely';
/** Each test's budgets, with addresses from X-Forwarded-For. */
const appWith = (env: Record<string, string>) => buildTestApp({ env: { TRUST_PROXY_HOPS: '1', ...env } });

const logIn = (app: ReturnType<typeof buildTestApp>, address: string, email: string, secret: string) =>
  request(app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ email, password: secret });

describe('login budgets: failures only', () => {
  it('never limits successful logins (12 in a row, with a budget of 2 failures)', async () => {
    const app = appWith({
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '2/1m',
      RATE_LIMIT_LOGIN_FAILURES_PER_IP: '2/1m',
      RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '2/1m',
    });
    const { email } = await signUp(app);
    for (let attempt = 0; attempt < 12; attempt += 1) await logIn(app, '203.0.113.1', email, password).expect(200);
  });

  it('stops guessing one account from one address (429, even with the right password); another address logs in', async () => {
    const app = appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '3/15m' });
    const { email } = await signUp(app);
    for (let attempt = 0; attempt < 3; attempt += 1) await logIn(app, '203.0.113.66', email, wrong).expect(401);
    const limited = await logIn(app, '203.0.113.66', email, password).expect(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(15 * 60 - 5);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
    // The account's owner, elsewhere, is not locked out by the attacker's failures.
    const owner = await logIn(app, '198.51.100.7', email, password).expect(200);
    expect(owner.headers['ratelimit-remaining']).toBe('3');
  });

  it("forgets an address's failures of an account when it logs in", async () => {
    const app = appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '3/15m' });
    const { email } = await signUp(app);
    for (let round = 0; round < 3; round += 1) {
      await logIn(app, '203.0.113.1', email, wrong).expect(401);
      await logIn(app, '203.0.113.1', email, wrong).expect(401);
      await logIn(app, '203.0.113.1', email, password).expect(200);
    }
  });

  it('stops one address trying a password against many accounts (429), not the others', async () => {
    const app = appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_IP: '3/1h' });
    for (let attempt = 0; attempt < 3; attempt += 1) await logIn(app, '203.0.113.9', uniqueEmail(), wrong).expect(401);
    await logIn(app, '203.0.113.9', uniqueEmail(), wrong).expect(429);
    await logIn(app, '198.51.100.9', uniqueEmail(), wrong).expect(401);
  });

  it('stops guessing one account from many addresses once its larger budget is spent (429 from anywhere)', async () => {
    const app = appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: '3/1h' });
    const { email } = await signUp(app);
    for (const host of [1, 2, 3]) await logIn(app, `203.0.113.${host}`, email, wrong).expect(401);
    await logIn(app, '203.0.113.4', email, wrong).expect(429);
    // The price of that rule: the owner waits for the window too. Other accounts do not.
    await logIn(app, '198.51.100.7', email, password).expect(429);
    await logIn(app, '198.51.100.7', uniqueEmail(), wrong).expect(401);
  });

  it('keys IPv6 clients on their /64: rotating addresses within it does not buy more guesses', async () => {
    const app = appWith({ RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '2/15m' });
    const { email } = await signUp(app);
    await logIn(app, '2001:db8:aa:1::1', email, wrong).expect(401);
    await logIn(app, '2001:db8:aa:1:ffff:ffff:ffff:ffff', email, wrong).expect(401);
    await logIn(app, '2001:db8:aa:1::2', email, password).expect(429);
    await logIn(app, '2001:db8:aa:2::1', email, password).expect(200);
  });
});

describe('registration budget', () => {
  it('limits registrations per address (429), whatever the emails; other addresses register', async () => {
    const app = appWith({ RATE_LIMIT_REGISTRATIONS_PER_IP: '2/1h' });
    const register = (address: string) =>
      request(app)
        .post('/api/v1/auth/register')
        .set('X-Forwarded-For', address)
        .send({ email: uniqueEmail(), password });
    await register('203.0.113.1').expect(201);
    await register('203.0.113.1').expect(201);
    const limited = await register('203.0.113.1').expect(429);
    expect(limited.headers['ratelimit-limit']).toBe('2');
    await register('198.51.100.1').expect(201);
  });
});

describe('refresh budget', () => {
  it('is per session: one session spent (429, its cookie kept) leaves the same account and address refreshing', async () => {
    const app = appWith({ RATE_LIMIT_REFRESHES_PER_SESSION: '2/15m' });
    const account = await signUp(app);
    const otherTab = refreshCookieOf(await logIn(app, '203.0.113.1', account.email, password).expect(200));
    const refresh = (cookie: string) =>
      request(app).post('/api/v1/auth/refresh').set('X-Forwarded-For', '203.0.113.1').set('Cookie', cookie);
    let cookie = account.refreshCookie;
    for (let attempt = 0; attempt < 2; attempt += 1) cookie = refreshCookieOf(await refresh(cookie).expect(200));
    const limited = await refresh(cookie).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['set-cookie']).toBeUndefined();
    await refresh(otherTab).expect(200);
  });
});

describe('password change budget', () => {
  it('is per account: guesses of the current password stop (429), from any address; other accounts change theirs', async () => {
    const app = appWith({ RATE_LIMIT_PASSWORD_CHANGES_PER_ACCOUNT: '2/1h' });
    const [victim, other] = [await signUp(app), await signUp(app)];
    const change = (address: string, token: string, currentPassword: string) =>
      request(app)
        .post('/api/v1/auth/password')
        .set('X-Forwarded-For', address)
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword, newPassword: 'a brand new passphrase' });
    await change('203.0.113.1', victim.accessToken, wrong).expect(401);
    await change('203.0.113.2', victim.accessToken, wrong).expect(401);
    await change('203.0.113.3', victim.accessToken, password).expect(429);
    await change('203.0.113.3', other.accessToken, password).expect(204);
  });
});

describe('the hashing bound', () => {
  /** Verifications held until the test lets them finish (each then answers "wrong password"). */
  const held: (() => void)[] = [];
  const releaseAll = () => held.splice(0).forEach((release) => release());
  afterEach(() => {
    releaseAll(); // also when the test failed, so that no request is left open
    jest.restoreAllMocks();
  });

  it('answers a login 503 with Retry-After, at once, while every hashing slot and queue place is taken', async () => {
    const app = buildTestApp({ env: { PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '0' } });
    const started = new Promise<void>((resolveStarted) => {
      jest.spyOn(ScryptPasswordHasher.prototype, 'verify').mockImplementation(() => {
        resolveStarted();
        return new Promise<boolean>((resolve) => held.push(() => resolve(false)));
      });
    });
    const first = request(app)
      .post('/api/v1/auth/login')
      .send({ email: uniqueEmail(), password })
      .then((response) => response.status);
    await started;
    const busy = await request(app).post('/api/v1/auth/login').send({ email: uniqueEmail(), password });
    expect(busy.status).toBe(503);
    expect(busy.headers['content-type']).toContain('application/problem+json');
    expect(busy.headers['retry-after']).toBe('1');
    expect(busy.body.code).toBe('hashing_busy');
    releaseAll();
    expect(await first).toBe(401);
  });
});
