import { ConfigError, loadConfig, mongoDatabaseName } from './config';

const secrets = {
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
};

describe('loadConfig', () => {
  it('applies defaults for a minimal development environment', () => {
    const config = loadConfig(secrets);
    expect(config.env).toBe('development');
    expect(config.http.port).toBe(3000);
    expect(config.mongoUri).toBeUndefined();
    expect(config.auth.passwordHashCost).toBe(2 ** 16);
    expect(config.logPretty).toBe(true);
    expect(loadConfig({ ...secrets, LOG_FORMAT: 'json' }).logPretty).toBe(false);
  });

  it('lists every invalid variable in one error', () => {
    const attempt = () => loadConfig({ JWT_ACCESS_SECRET: 'short', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/JWT_ACCESS_SECRET: must be at least 32 bytes/);
      expect(problems).toMatch(/JWT_REFRESH_SECRET/);
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('requires MongoDB and Redis in production', () => {
    expect(() => loadConfig({ ...secrets, NODE_ENV: 'production' })).toThrow(
      /MONGODB_URI: is required[\s\S]*REDIS_URL/,
    );
  });

  it('accepts Atlas and TLS Redis URLs', () => {
    const config = loadConfig({
      ...secrets,
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb+srv://user:pass@cluster0.example.mongodb.net/app',
      REDIS_URL: 'rediss://default:token@eu1-example.upstash.io:6379',
    });
    expect(config.mongoUri).toMatch(/^mongodb\+srv:/);
    expect(config.redisUrl).toMatch(/^rediss:/);
  });

  it('refuses, in production only, a MongoDB URI that names no database (Atlas copies them so)', () => {
    const production = { ...secrets, NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379' };
    const atlas = 'mongodb+srv://user:pass@cluster0.example.mongodb.net/?retryWrites=true&w=majority';
    expect(() => loadConfig({ ...production, MONGODB_URI: atlas })).toThrow(/MONGODB_URI: names no database/);
    expect(loadConfig({ ...secrets, MONGODB_URI: atlas }).mongoUri).toBe(atlas);
  });

  it('refuses ADMIN_EMAILS in production (whoever registers first would be an administrator), and only there', () => {
    const production = {
      ...secrets,
      NODE_ENV: 'production',
      REDIS_URL: 'redis://127.0.0.1:6379',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
      ADMIN_EMAILS: 'ada@example.com',
    };
    expect(() => loadConfig(production)).toThrow(/ADMIN_EMAILS: is refused when NODE_ENV=production.*npm run admin/);
    expect(loadConfig({ ...production, ADMIN_EMAILS: '' }).auth.adminEmails).toEqual([]);
    expect(loadConfig({ ...production, NODE_ENV: 'development' }).auth.adminEmails).toEqual(['ada@example.com']);
  });

  it('keeps serving 5 s after SIGTERM in production only, unless SHUTDOWN_DELAY_MS says otherwise', () => {
    const production = {
      ...secrets,
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
      REDIS_URL: 'redis://127.0.0.1:6379',
    };
    expect(loadConfig(production).shutdown).toEqual({ delayMs: 5_000, timeoutMs: 20_000 });
    expect(loadConfig({ ...production, SHUTDOWN_DELAY_MS: '0' }).shutdown.delayMs).toBe(0);
    expect(loadConfig(secrets).shutdown.delayMs).toBe(0);
    expect(() => loadConfig({ ...production, SHUTDOWN_TIMEOUT_MS: '5000' })).toThrow(
      /SHUTDOWN_DELAY_MS: must be shorter than SHUTDOWN_TIMEOUT_MS \(5000\)/,
    );
    expect(() => loadConfig({ ...secrets, SHUTDOWN_DELAY_MS: '30000' })).toThrow(/SHUTDOWN_DELAY_MS/);
  });

  it('bounds sessions: idle and absolute lifetimes, a grace period of at most a minute, fail-closed roles', () => {
    expect(loadConfig(secrets).auth).toMatchObject({
      refreshTtlSeconds: 14 * 24 * 3600,
      sessionMaxLifetimeSeconds: 30 * 24 * 3600,
      refreshReuseGraceSeconds: 10,
      failClosedRoles: ['admin'],
    });
    expect(loadConfig({ ...secrets, REFRESH_REUSE_GRACE_SECONDS: '0' }).auth.refreshReuseGraceSeconds).toBe(0);
    expect(() => loadConfig({ ...secrets, REFRESH_REUSE_GRACE_SECONDS: '61' })).toThrow(/REFRESH_REUSE_GRACE_SECONDS/);
    expect(loadConfig({ ...secrets, AUTH_FAIL_CLOSED_ROLES: 'none' }).auth.failClosedRoles).toEqual([]);
    expect(loadConfig({ ...secrets, AUTH_FAIL_CLOSED_ROLES: 'admin, user' }).auth.failClosedRoles).toEqual([
      'admin',
      'user',
    ]);
    expect(() => loadConfig({ ...secrets, AUTH_FAIL_CLOSED_ROLES: 'root' })).toThrow(/AUTH_FAIL_CLOSED_ROLES/);
  });

  it('refuses a test-grade password hash cost in production, saying what it needs', () => {
    const production = {
      ...secrets,
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
      REDIS_URL: 'redis://127.0.0.1:6379',
    };
    expect(() => loadConfig({ ...production, PASSWORD_HASH_COST: '1024' })).toThrow(
      /PASSWORD_HASH_COST: 1024 is a test cost: production needs at least 65536/,
    );
    expect(() => loadConfig({ ...production, PASSWORD_HASH_COST: '32768' })).toThrow(/PASSWORD_HASH_COST/);
    expect(loadConfig({ ...production, PASSWORD_HASH_COST: '131072' }).auth.passwordHashCost).toBe(2 ** 17);
    expect(loadConfig(production).auth.passwordHashCost).toBe(2 ** 16);
    expect(loadConfig({ ...secrets, PASSWORD_HASH_COST: '1024' }).auth.passwordHashCost).toBe(1024);
  });

  it('bounds password hashing to one less than the thread pool by default, with a queue of twice that', () => {
    expect(loadConfig(secrets).auth.passwordHashing).toEqual({ concurrency: 3, queue: 6 });
    expect(loadConfig({ ...secrets, UV_THREADPOOL_SIZE: '8' }).auth.passwordHashing).toEqual({
      concurrency: 7,
      queue: 14,
    });
    expect(loadConfig({ ...secrets, UV_THREADPOOL_SIZE: '1' }).auth.passwordHashing.concurrency).toBe(1);
    const set = { ...secrets, PASSWORD_HASH_CONCURRENCY: '2', PASSWORD_HASH_QUEUE: '0' };
    expect(loadConfig(set).auth.passwordHashing).toEqual({ concurrency: 2, queue: 0 });
    expect(() => loadConfig({ ...secrets, PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });

  it('reads each credential budget as points per window, with defaults', () => {
    const { auth } = loadConfig(secrets).rateLimit;
    expect(auth).toEqual({
      loginFailuresPerAccountAndIp: { points: 5, windowSeconds: 900 },
      loginFailuresPerIp: { points: 100, windowSeconds: 3600 },
      loginFailuresPerAccount: { points: 100, windowSeconds: 3600 },
      registrationsPerIp: { points: 20, windowSeconds: 3600 },
      refreshesPerSession: { points: 60, windowSeconds: 900 },
      passwordChangesPerAccount: { points: 10, windowSeconds: 3600 },
    });
    const set = (value: string) =>
      loadConfig({ ...secrets, RATE_LIMIT_REGISTRATIONS_PER_IP: value }).rateLimit.auth.registrationsPerIp;
    expect(set('3/30')).toEqual({ points: 3, windowSeconds: 30 });
    expect(set('3/30s')).toEqual({ points: 3, windowSeconds: 30 });
    expect(set('3/2d')).toEqual({ points: 3, windowSeconds: 172_800 });
    for (const bad of ['3', '0/1m', '3/0m', '3/1w', '-1/1m', '3 / 1m']) {
      expect(() => set(bad)).toThrow(/RATE_LIMIT_REGISTRATIONS_PER_IP: must look like 5\/15m/);
    }
  });

  it('refuses the replaced AUTH_RATE_LIMIT_* variables, naming what replaced them, unless as generated', () => {
    expect(() =>
      loadConfig({ ...secrets, AUTH_RATE_LIMIT_POINTS: '20', AUTH_RATE_LIMIT_WINDOW_SECONDS: '30' }),
    ).toThrow(
      /AUTH_RATE_LIMIT_POINTS: was replaced by RATE_LIMIT_LOGIN_FAILURES_\*[\s\S]*AUTH_RATE_LIMIT_WINDOW_SECONDS/,
    );
    // What every .env made from the earlier .env.example says: a project upgraded past them still starts.
    expect(() =>
      loadConfig({ ...secrets, AUTH_RATE_LIMIT_POINTS: '10', AUTH_RATE_LIMIT_WINDOW_SECONDS: '60' }),
    ).not.toThrow();
    expect(() => loadConfig({ ...secrets, AUTH_RATE_LIMIT_POINTS: '' })).not.toThrow(); // empty counts as unset
  });

  it('parses the CORS allowlist and treats empty values as unset', () => {
    const config = loadConfig({ ...secrets, CORS_ORIGINS: 'https://a.example, https://b.example', PORT: '' });
    expect(config.http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.http.port).toBe(3000);
  });
});

describe('mongoDatabaseName', () => {
  it.each([
    ['mongodb://127.0.0.1:27017/app', 'app'],
    ['mongodb://a:1,b:2/app?replicaSet=rs0', 'app'],
    ['mongodb+srv://user:p%40ss@cluster0.example.mongodb.net/my%2Dapp?w=majority', 'my-app'],
    ['mongodb://127.0.0.1:27017', undefined],
    ['mongodb://127.0.0.1:27017/', undefined],
    ['mongodb+srv://user:pass@cluster0.example.mongodb.net/?retryWrites=true', undefined],
  ])('%s → %s', (uri, name) => {
    expect(mongoDatabaseName(uri)).toBe(name);
  });
});
