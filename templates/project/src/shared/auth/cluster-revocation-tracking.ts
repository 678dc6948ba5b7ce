import type { Cluster } from 'ioredis';
import type { Logger } from '../infrastructure/logger';
import { createSubscriberOnEveryMaster } from '../infrastructure/redis';
import type { MasterConnections } from '../infrastructure/redis-cluster';
import { HEARTBEAT_MS, type RevocationReports, trackRevocationChanges } from './cached-revocation-list';

/**
 * `trackRevocationChanges` on a Redis Cluster. A node reports writes to its own keys only, so every master is tracked
 * on a connection of its own, in step with the cluster (failovers, added masters), and answers are trusted only for
 * as long as every master vouches. A master that appears distrusts at once: it may hold keys no report covers yet.
 */
export function trackRevocationChangesOnCluster(
  cluster: Cluster,
  cache: RevocationReports,
  logger: Logger,
  heartbeatMs = HEARTBEAT_MS,
): MasterConnections {
  const trustedUntil = new Map<string, number>();
  const trustWhileAllVouch = (): void => {
    const until = Math.min(...trustedUntil.values());
    if (trustedUntil.size > 0 && until > Date.now()) cache.trust(until);
  };
  const reportsOf = (node: string): RevocationReports => ({
    trust: (untilMs) => {
      if (!trustedUntil.has(node)) return; // a master the cluster no longer has
      trustedUntil.set(node, untilMs);
      trustWhileAllVouch();
    },
    distrust: () => {
      if (trustedUntil.has(node)) trustedUntil.set(node, 0);
      cache.distrust();
    },
    forgetAll: () => {
      cache.forgetAll();
    },
  });
  return createSubscriberOnEveryMaster(
    cluster,
    (node, subscriber) => {
      trustedUntil.set(node, 0);
      cache.distrust();
      trackRevocationChanges(subscriber, reportsOf(node), logger, heartbeatMs);
    },
    (node) => {
      trustedUntil.delete(node);
      cache.distrust();
    },
  );
}
