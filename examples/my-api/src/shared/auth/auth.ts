import type { RequestHandler } from 'express';
import { Cluster } from 'ioredis';
import type { Config } from '../../config/config';
import { createAuthenticate } from '../http/authenticate';
import { type Logger, subsystemLogger } from '../infrastructure/logger';
import { createSubscriber, type RedisConnection } from '../infrastructure/redis';
import type { Resource } from '../infrastructure/shutdown';
import { AccessTokens, type AccessTokenService } from './access-tokens';
import { CachedRevocationList, trackRevocationChanges } from './cached-revocation-list';
import { trackRevocationChangesOnCluster } from './cluster-revocation-tracking';
import {
  InMemoryRevocationList,
  InsuredRevocationList,
  RedisRevocationList,
  type RevocationList,
} from './revocation-list';

export interface AuthDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly redis: RedisConnection | undefined;
  /**
   * Answer revocation checks from memory while a Redis connection of its own reports every change (default).
   * Tests turn it off: each check then asks Redis, and there is no extra connection to close.
   */
  readonly cacheRevocations?: boolean;
}

/** What the application needs to authenticate requests, and what auth holds open until shutdown. */
export interface Auth {
  readonly accessTokens: AccessTokenService;
  readonly authenticate: RequestHandler;
  readonly resources: readonly Resource[];
}

/**
 * The one place auth is wired: access tokens, the revocation list they consult (Redis shared by all instances,
 * cached while Redis reports every change, insured by this process's own list; in memory without Redis), and the
 * middleware that checks them.
 */
export function createAuth({ config, logger, redis, cacheRevocations = true }: AuthDependencies): Auth {
  const auth = (accessTokens: AccessTokenService, resources: readonly Resource[]): Auth => ({
    accessTokens,
    authenticate: createAuthenticate(accessTokens),
    resources,
  });
  if (redis === undefined) return auth(new AccessTokens(config.auth, new InMemoryRevocationList()), []);
  const redisLogger = subsystemLogger(logger, 'redis');
  const shared = new RedisRevocationList(redis);
  const insured = (list: RevocationList) => new InsuredRevocationList(list, redisLogger, outagePolicy(config));
  if (!cacheRevocations) return auth(new AccessTokens(config.auth, insured(shared)), []);
  const cached = new CachedRevocationList(shared);
  const accessTokens = new AccessTokens(config.auth, insured(cached));
  if (redis instanceof Cluster) {
    const subscribers = trackRevocationChangesOnCluster(redis, cached, redisLogger);
    return auth(accessTokens, [{ name: 'redis subscribers', close: () => subscribers.close() }]);
  }
  const subscriber = createSubscriber(redis);
  trackRevocationChanges(subscriber, cached, redisLogger);
  return auth(accessTokens, [{ name: 'redis subscriber', close: () => subscriber.quit() }]);
}

/** What an outage of the shared revocation list means for requests, as the log says it. */
function outagePolicy(config: Config): string {
  const roles = config.auth.failClosedRoles;
  if (roles.length === 0) return 'every access token is accepted meanwhile (AUTH_FAIL_CLOSED_ROLES=none)';
  return `access tokens with the role ${roles.join(' or ')} are refused (503) meanwhile (AUTH_FAIL_CLOSED_ROLES)`;
}
