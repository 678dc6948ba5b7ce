import { Redis } from 'ioredis';

const REDIS_SKIP_REASON =
  'not run: REDIS_URL is not set (start redis-server and export REDIS_URL=redis://127.0.0.1:6379)';

/** Runs `suite` against the real Redis at REDIS_URL; without it, reports one skipped test saying why. */
export function describeWithRedis(name: string, suite: (redis: () => Redis) => void): void {
  const url = process.env.REDIS_URL;
  describe(`${name} — Redis`, () => {
    if (url === undefined || url === '') {
      it.skip(REDIS_SKIP_REASON, () => undefined);
      return;
    }
    let client: Redis;
    beforeAll(async () => {
      client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
      await client.connect();
    });
    afterAll(async () => {
      await client.quit();
    });
    suite(() => client);
  });
}

/** A client of a port where nothing listens: every command fails at once, as while Redis is down. */
export function unreachableRedis(): Redis {
  return new Redis('redis://127.0.0.1:1', {
    enableOfflineQueue: false,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
}
