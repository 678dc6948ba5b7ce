import { z } from 'zod';
import { ROLES, type Role } from '../shared/kernel/roles';

const MIN_SECRET_BYTES = 32;
const PRODUCTION_SHUTDOWN_DELAY_MS = 5_000;
/** Beyond a minute the old token is as good as a second live one: a thief's replay would go unnoticed. */
const MAX_REUSE_GRACE_SECONDS = 60;

const secret = z.string().refine((value) => Buffer.byteLength(value, 'utf8') >= MIN_SECRET_BYTES, {
  error: `must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 48)`,
});

const seconds = z.coerce.number().int().positive();

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
    PASSWORD_HASH_COST: z.coerce
      .number()
      .int()
      .refine((n) => n >= 1024 && (n & (n - 1)) === 0, { error: 'must be a power of two ≥ 1024' })
      .default(2 ** 17),
    CORS_ORIGINS: commaSeparated,
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb')
      .default('100kb'),
    RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(300),
    RATE_LIMIT_WINDOW_SECONDS: seconds.default(60),
    AUTH_RATE_LIMIT_POINTS: z.coerce.number().int().positive().default(10),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: seconds.default(60),
    CACHE_TTL_SECONDS: seconds.default(300),
    // 0 turns the in-process tier off: every read asks Redis.
    CACHE_MEMORY_MAX_ITEMS: z.coerce.number().int().min(0).default(10_000),
    // Unset: 5 s in production (load balancers see readiness 503 before the server stops accepting), 0 elsewhere.
    SHUTDOWN_DELAY_MS: z.coerce.number().int().min(0).optional(),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  })
  .superRefine((env, ctx) => {
    const delayMs = env.SHUTDOWN_DELAY_MS ?? (env.NODE_ENV === 'production' ? PRODUCTION_SHUTDOWN_DELAY_MS : 0);
    if (delayMs >= env.SHUTDOWN_TIMEOUT_MS) {
      const message = `must be shorter than SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS}), or no request drains`;
      ctx.addIssue({ code: 'custom', path: ['SHUTDOWN_DELAY_MS'], message });
    }
    if (env.NODE_ENV !== 'production') return;
    for (const key of ['MONGODB_URI', 'REDIS_URL'] as const) {
      if (env[key] === undefined) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is required when NODE_ENV=production' });
      }
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

export interface Config {
  readonly env: Environment;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimit: string;
    readonly corsOrigins: readonly string[];
    readonly trustProxyHops: number;
  };
  readonly logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  readonly logPretty: boolean;
  readonly mongoUri: string | undefined;
  /** Without mongoUri (never in production): the folder of the embedded store. */
  readonly dataDir: string;
  readonly redisUrl: string | undefined;
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
    /** Lower-cased: whoever registers with one is an administrator. Never in production (`npm run admin`). */
    readonly adminEmails: readonly string[];
  };
  readonly rateLimit: {
    /** Every request, per client IP. */
    readonly global: RateBudget;
    /** Credential endpoints (register, login, refresh), per client IP. */
    readonly auth: RateBudget;
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
  return {
    env: e.NODE_ENV,
    http: {
      host: e.HOST,
      port: e.PORT,
      bodyLimit: e.BODY_LIMIT,
      corsOrigins: e.CORS_ORIGINS,
      trustProxyHops: e.TRUST_PROXY_HOPS,
    },
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_FORMAT === undefined ? e.NODE_ENV === 'development' : e.LOG_FORMAT === 'pretty',
    mongoUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
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
      adminEmails: e.ADMIN_EMAILS.map((email) => email.toLowerCase()),
    },
    rateLimit: {
      global: { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
      auth: { points: e.AUTH_RATE_LIMIT_POINTS, windowSeconds: e.AUTH_RATE_LIMIT_WINDOW_SECONDS },
    },
    cache: { ttlSeconds: e.CACHE_TTL_SECONDS, memoryMaxItems: e.CACHE_MEMORY_MAX_ITEMS },
    shutdown: {
      delayMs: e.SHUTDOWN_DELAY_MS ?? (e.NODE_ENV === 'production' ? PRODUCTION_SHUTDOWN_DELAY_MS : 0),
      timeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    },
  };
}
