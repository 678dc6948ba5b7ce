import type { EventEmitter } from 'node:events';
import type { mongo } from 'mongoose';
import { Gauge, type Registry } from 'prom-client';
import type { Database } from '../infrastructure/database';
import { pingRedis, type RedisConnection } from '../infrastructure/redis';

/** `redis_connected`: 1 while every key can be served (on a cluster, every master answers), 0 otherwise; pinged at each scrape. */
export function watchRedis(registry: Registry, redis: RedisConnection): void {
  new Gauge({
    name: 'redis_connected',
    help: 'Whether the Redis client is ready (1) or not (0)',
    registers: [registry],
    async collect() {
      this.set((await pingRedis(redis).catch(() => false)) ? 1 : 0);
    },
  });
}

/**
 * `mongodb_connected`: 1 while a server can serve data. Read from the driver's topology, as the availability log
 * lines are (src/shared/infrastructure/mongo.ts): it covers every deployment, sharded and serverless included.
 */
export function watchMongo(registry: Registry, client: EventEmitter): void {
  // The service starts only once connected.
  let available = true;
  client.on('topologyDescriptionChanged', (event: mongo.TopologyDescriptionChangedEvent) => {
    available = event.newDescription.hasDataBearingServers;
  });
  new Gauge({
    name: 'mongodb_connected',
    help: 'Whether a MongoDB server can serve data (1) or not (0)',
    registers: [registry],
    collect() {
      this.set(available ? 1 : 0);
    },
  });
}

/** A gauge for each connection the service holds (none for the embedded store or memory). */
export function watchConnections(registry: Registry, redis: RedisConnection | undefined, database: Database): void {
  if (redis !== undefined) watchRedis(registry, redis);
  if (database.kind === 'mongo') watchMongo(registry, database.connection.getClient());
}
