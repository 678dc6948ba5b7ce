import { z } from 'zod';
import { ROLES, type Role } from '../shared/kernel/roles';
import { checkHttpTimeouts, type HttpTimeouts, httpTimeouts, httpTimeoutVariables } from './http-timeouts';
import { parseClusterNodes, type RedisClusterNodes } from './redis-cluster';

const MIN_SECRET_BYTES = 32;
const PRODUCTION_SHUTDOWN_DELAY_MS = 5_000;

/** SHUTDOWN_DELAY_MS, or its default (see the variable below). */
function shutdownDelayMs(env: { readonly NODE_ENV: string; readonly SHUTDOWN_DELAY_MS?: number | undefined }): number {
  return env.SHUTDOWN_DELAY_MS ?? (env.NODE_ENV === 'production' ? PRODUCTION_SHUTDOWN_DELAY_MS : 0);
}

/** Beyond a minute the old token is as good as a second live one: a thief's replay would go unnoticed. */
const MAX_REUSE_GRACE_SECONDS = 60;

const secret = z.string().refine((value) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES, {
  error: `must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 48)`,
});

const seconds = z.coerce.number().int().positive();

/** OWASP's scrypt minimum at the hasher's r=8, p=2 (see scrypt-password-hasher.ts); the tests use 2^10. */
const PRODUCTION_MIN_HASH_COST = 2 ** 16;
/** libuv's default thread pool, which scrypt shares with file I/O and DNS lookups. */
const DEFAULT_THREADPOOL_SIZE = 4;

const WINDOW_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

const BUDGET = /^([1-9]\d*)\/([1-9]\d*)([smhd]?)$/;

/** `<points>/<window>`, e.g. `5/15m`: at most 5 in a window of 15 minutes (unit s, m, h or d; none: seconds). */
function budget(fallback: string) {
  return z
    .string()
    .regex(BUDGET, 'must look like 5/15m: points per window (s, m, h or d)')
    .default(fallback)
    .transform((value): RateBudget => {
      const [, points = '', length = '', unit = ''] = BUDGET.exec(value) ?? [];
      return { points: Number(points), windowSeconds: Number(length) * (WINDOW_UNIT_SECONDS[unit] ?? 1) };
    });
}

/**
 * Variables that no longer exist are refused, so that a setting nobody reads does not look like it applies; but
 * not at the value every .env generated before carries (copied from .env.example), which nobody chose.
 */
const replacedByAuthBudgets = (generatedValue: string) =>
  z
    .literal(generatedValue, {
      error:
        'was replaced by RATE_LIMIT_LOGIN_FAILURES_*, RATE_LIMIT_REGISTRATIONS_PER_IP, RATE_LIMIT_REFRESHES_PER_SESSION ' +
        'and RATE_LIMIT_PASSWORD_CHANGES_PER_ACCOUNT (see .env.example): remove it',
    })
    .optional();

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

const commaSeparated = z.string().default('').transform(splitList);

/** `none`, since an empty value counts as unset and so means the default. */
const rolesOrNone = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => (value.trim() === 'none' ? [] : splitList(value)))
    .pipe(z.array(z.enum(ROLES)));

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Unset: pretty in development, JSON lines everywhere else.
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
    // Where development keeps its data when MONGODB_URI is unset.
    DATA_DIR: z.string().min(1).default('.data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
      .optional(),
    // A Redis Cluster instead of REDIS_URL's one server: comma-separated redis:// or rediss:// URLs of seed nodes.
    REDIS_CLUSTER_NODES: z
      .string()
      .transform((value, ctx) => {
        const nodes = parseClusterNodes(value);
        if (typeof nodes !== 'string') return nodes;
        ctx.addIssue({ code: 'custom', message: nodes });
        return z.NEVER;
      })
      .optional(),
    JWT_ACCESS_SECRET: secret,
    JWT_REFRESH_SECRET: secret,
    JWT_ISSUER: z.string().min(1).default('api'),
    JWT_AUDIENCE: z.string().min(1).default('api'),
    // RFC 9068 client_id of the access tokens: the clients this service issues them to.
    JWT_CLIENT_ID: z.string().min(1).default('first-party'),
    // Development and tests only: whoever registers one of these emails first is an administrator.
    ADMIN_EMAILS: commaSeparated,
    ACCESS_TOKEN_TTL_SECONDS: seconds.default(900),
    REFRESH_TOKEN_TTL_SECONDS: seconds.default(14 * 24 * 3600),
    SESSION_MAX_LIFETIME_SECONDS: seconds.default(30 * 24 * 3600),
    REFRESH_REUSE_GRACE_SECONDS: z.coerce.number().int().min(0).max(MAX_REUSE_GRACE_SECONDS).default(10),
    // While Redis is unreachable, access tokens carrying one of these roles are refused (503); others are accepted.
    AUTH_FAIL_CLOSED_ROLES: rolesOrNone('admin'),
    // OWASP: scrypt N=2^17, r=8, p=1. Tests lower N to keep the suite fast.
    // scrypt's N (with r=8, p=2: OWASP's equivalent of N=2^17, p=1 in half the memory). Tests lower it.
    PASSWORD_HASH_COST: z.coerce
      .number()
      .int()
      .refine((n) => n >= 1024 && (n & (n - 1)) === 0, { error: 'must be a power of two ≥ 1024' })
      .default(PRODUCTION_MIN_HASH_COST),
    // Unset: one less than the thread pool (UV_THREADPOOL_SIZE), so that file I/O and DNS keep a thread.
    PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().positive().optional(),
    // Unset: twice the concurrency. Beyond both, 503 with Retry-After.
    PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).optional(),
    // Node's own variable, read here only to fit the default concurrency to the pool.
    UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).max(1024).default(DEFAULT_THREADPOOL_SIZE),
    CORS_ORIGINS: commaSeparated,
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb')
      .default('100kb'),
    RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(300),
    RATE_LIMIT_WINDOW_SECONDS: seconds.default(60),
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP: budget('5/15m'),
    RATE_LIMIT_LOGIN_FAILURES_PER_IP: budget('100/1h'),
    RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: budget('100/1h'),
    RATE_LIMIT_REGISTRATIONS_PER_IP: budget('20/1h'),
    RATE_LIMIT_REFRESHES_PER_SESSION: budget('60/15m'),
    RATE_LIMIT_PASSWORD_CHANGES_PER_ACCOUNT: budget('10/1h'),
    AUTH_RATE_LIMIT_POINTS: replacedByAuthBudgets('10'),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: replacedByAuthBudgets('60'),
    CACHE_TTL_SECONDS: seconds.default(300),
    // 0 turns the in-process tier off: every read asks Redis.
    CACHE_MEMORY_MAX_ITEMS: z.coerce.number().int().min(0).default(10_000),
    // Unset: 5 s in production (load balancers see readiness 503 before the server stops accepting), 0 elsewhere.
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
    ...httpTimeoutVariables,
    // Unset: no metrics. Prometheus's GET /metrics, served on this port only, never on PORT.
    METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  })
  .superRefine((env, ctx) => {
    if (shutdownDelayMs(env) >= env.SHUTDOWN_TIMEOUT_MS) {
      const message = `must be shorter than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS}), or no request drains`;
      ctx.addIssue({ code: 'custom', path: ['SHUTDOWN_DELAY_MS'], message });
    } else if (shutdownDelayMs(env) + env.REQUEST_DEADLINE_MS >= env.SHUTDOWN_TIMEOUT_MS) {
      const message = `plus SHUTDOWN_DELAY_MS (${shutdownDelayMs(env)}) must be shorter than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS}), or a request that arrives at the end of the delay is cut off`;
      ctx.addIssue({ code: 'custom', path: ['REQUEST_DEADLINE_MS'], message });
    }
    if (env.REDIS_URL !== undefined && env.REDIS_CLUSTER_NODES !== undefined) {
      const message = 'and REDIS_URL are both set: keep REDIS_URL for one server, or this for a Redis Cluster';
      ctx.addIssue({ code: 'custom', path: ['REDIS_CLUSTER_NODES'], message });
    }
    checkHttpTimeouts(env, ctx);
    if (env.METRICS_PORT === env.PORT) {
      const message = 'must differ from PORT: the metrics are for Prometheus, not for the public';
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message });
    }
    if (env.NODE_ENV !== 'production') return;
    if (env.MONGODB_URI === undefined) {
      ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message: 'is required when NODE_ENV=production' });
    }
    if (env.REDIS_URL === undefined && env.REDIS_CLUSTER_NODES === undefined) {
      const message = 'is required when NODE_ENV=production (or REDIS_CLUSTER_NODES, for a Redis Cluster)';
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message });
    }
    if (env.ADMIN_EMAILS.length > 0) {
      // Anyone who registers such an address before its owner does would be an administrator.
      const message = 'is refused when NODE_ENV=production: make administrators with npm run admin -- grant <email>';
      ctx.addIssue({ code: 'custom', path: ['ADMIN_EMAILS'], message });
    }
    if (env.MONGODB_URI !== undefined && mongoDatabaseName(env.MONGODB_URI) === undefined) {
      const message = "names no database, so MongoDB would write into 'test': add /<name> before any '?'";
      ctx.addIssue({ code: 'custom', path: ['MONGODB_URI'], message });
    }
    if (env.PASSWORD_HASH_COST < PRODUCTION_MIN_HASH_COST) {
      const message = `${env.PASSWORD_HASH_COST} is a test cost: production needs at least ${PRODUCTION_MIN_HASH_COST} (2^16, OWASP's minimum), or unset`;
      ctx.addIssue({ code: 'custom', path: ['PASSWORD_HASH_COST'], message });
    }
  });

/** `mongodb+srv://user:pw@host/app?retryWrites=true` → 'app'; undefined when the URI names no database. */
export function mongoDatabaseName(uri: string): string | undefined {
  const name = /^mongodb(?:\+srv)?:\/\/[^/?]*\/([^?]*)/.exec(uri)?.[1];
  return name === undefined || name === '' ? undefined : decodeURIComponent(name);
}

export type Environment = z.infer<typeof envSchema>['NODE_ENV'];

export interface RateBudget {
  readonly points: number;
  readonly windowSeconds: number;
}

/** The credential endpoints' budgets; IPs are keyed as `clientKey` says (IPv6: its /64). */
export interface AuthRateBudgets {
  /** Failed logins of one account from one address (password guessing); a success clears them. */
  readonly loginFailuresPerAccountAndIp: RateBudget;
  /** Failed logins from one address, whatever the accounts (one password tried against many). */
  readonly loginFailuresPerIp: RateBudget;
  /** Failed logins of one account, whatever the addresses (guessing spread over many). */
  readonly loginFailuresPerAccount: RateBudget;
  readonly registrationsPerIp: RateBudget;
  /** Per session (refresh token family), so that clients behind one address do not share it. */
  readonly refreshesPerSession: RateBudget;
  readonly passwordChangesPerAccount: RateBudget;
}

export interface Config {
  readonly env: Environment;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimit: string;
    readonly corsOrigins: readonly string[];
    readonly trustProxyHops: number;
    readonly timeouts: HttpTimeouts;
  };
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly logPretty: boolean;
  readonly mongoUri: string | undefined;
  /** Without mongoUri (never in production): the folder of the embedded store. */
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
  /** Instead of redisUrl: a Redis Cluster. */
  readonly redisCluster: RedisClusterNodes | undefined;
  readonly auth: {
    readonly accessSecret: Uint8Array;
    readonly refreshSecret: Uint8Array;
    readonly issuer: string;
    readonly audience: string;
    readonly clientId: string;
    readonly accessTtlSeconds: number;
    /** Idle timeout of a session: each refresh token lives this long. */
    readonly refreshTtlSeconds: number;
    /** Absolute lifetime of a session, from its login. */
    readonly sessionMaxLifetimeSeconds: number;
    /** A rotated refresh token still answers this long (parallel tabs, retries); 0: never. */
    readonly refreshReuseGraceSeconds: number;
    /** Roles whose access tokens are refused while revocations cannot be checked across instances. */
    readonly failClosedRoles: readonly Role[];
    readonly passwordHashCost: number;
    /** Hashes (and verifications) at once, and how many may wait for one; beyond them the service answers 503. */
    readonly passwordHashing: { readonly concurrency: number; readonly queue: number };
    /** Lower-cased: whoever registers with one is an administrator. Never in production (`npm run admin`). */
    readonly adminEmails: readonly string[];
  };
  readonly rateLimit: {
    /** Every request, per client IP. */
    readonly global: RateBudget;
    readonly auth: AuthRateBudgets;
  };
  readonly cache: {
    /** How long a cached record lives when no write invalidates it first. */
    readonly ttlSeconds: number;
    /** Entries in each instance's in-process tier; 0: none. */
    readonly memoryMaxItems: number;
  };
  readonly shutdown: {
    /** Readiness 503 → stop accepting: time for load balancers to notice. */
    readonly delayMs: number;
    /** The whole drain, delay included; past it the process exits 1. */
    readonly timeoutMs: number;
  };
  /** Where Prometheus reads GET /metrics (a server of its own); undefined: no metrics are kept. */
  readonly metrics: { readonly host: string; readonly port: number } | undefined;
}

/** Thrown when the environment is invalid; the message lists every bad variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  // Empty values count as unset, as they do in most .env tooling.
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const encoder = new TextEncoder();
  const hashConcurrency = e.PASSWORD_HASH_CONCURRENCY ?? Math.max(1, e.UV_THREADPOOL_SIZE - 1);
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimit: e.BODY_LIMIT,
      corsOrigins: e.CORS_ORIGINS,
      trustProxyHops: e.TRUST_PROXY_HOPS,
      timeouts: httpTimeouts(e),
    },
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_FORMAT === undefined ? e.NODE_ENV === 'development' : e.LOG_FORMAT === 'pretty',
    mongoUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisCluster: e.REDIS_CLUSTER_NODES,
    auth: {
      accessSecret: encoder.encode(e.JWT_ACCESS_SECRET),
      refreshSecret: encoder.encode(e.JWT_REFRESH_SECRET),
      issuer: e.JWT_ISSUER,
      audience: e.JWT_AUDIENCE,
      clientId: e.JWT_CLIENT_ID,
      accessTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxLifetimeSeconds: e.SESSION_MAX_LIFETIME_SECONDS,
      refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
      failClosedRoles: e.AUTH_FAIL_CLOSED_ROLES,
      passwordHashCost: e.PASSWORD_HASH_COST,
      passwordHashing: { concurrency: hashConcurrency, queue: e.PASSWORD_HASH_QUEUE ?? 2 * hashConcurrency },
      adminEmails: e.ADMIN_EMAILS.map((email) => email.toLowerCase()),
    },
    rateLimit: {
      global: { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
      auth: {
        loginFailuresPerAccountAndIp: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT_AND_IP,
        loginFailuresPerIp: e.RATE_LIMIT_LOGIN_FAILURES_PER_IP,
        loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
        registrationsPerIp: e.RATE_LIMIT_REGISTRATIONS_PER_IP,
        refreshesPerSession: e.RATE_LIMIT_REFRESHES_PER_SESSION,
        passwordChangesPerAccount: e.RATE_LIMIT_PASSWORD_CHANGES_PER_ACCOUNT,
      },
    },
    cache: { ttlSeconds: e.CACHE_TTL_SECONDS, memoryMaxItems: e.CACHE_MEMORY_MAX_ITEMS },
    shutdown: {
      delayMs: shutdownDelayMs(e),
      timeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
    metrics: e.METRICS_PORT === undefined ? undefined : { host: e.METRICS_HOST, port: e.METRICS_PORT },
  };
}
