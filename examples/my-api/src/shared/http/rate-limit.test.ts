import { randomUUID } from 'node:crypto';
import express from 'express';
import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import { describeWithEveryRedis } from '../testing/redis';
import { createErrorHandler } from './error-handler';
import { createLimiter, rateLimit } from './rate-limit';

function appWith(limiterMiddleware: express.RequestHandler): express.Express {
  const app = express();
  app.use(limiterMiddleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(createErrorHandler(pino({ level: 'silent' })));
  return app;
}

describeWithEveryRedis('rate limiting', (redis) => {
  it('shares one budget between instances that share Redis', async () => {
    const policy = { name: `test-${randomUUID()}`, points: 3, windowSeconds: 60 };
    const first = appWith(rateLimit(createLimiter(policy, redis())));
    const second = appWith(rateLimit(createLimiter(policy, redis())));
    await request(first).get('/').expect(200);
    await request(second).get('/').expect(200);
    await request(first).get('/').expect(200);
    const limited = await request(second).get('/').expect(429);
    // The window is 60 s and began with the first request, a moment ago.
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(55);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(limited.headers['ratelimit-limit']).toBe('3');
    expect(limited.headers['ratelimit-remaining']).toBe('0');
  });
});

describe('rate limiting without Redis', () => {
  it('keeps limiting per process through the insurance limiter when Redis is unreachable', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      enableOfflineQueue: false,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const app = appWith(
      rateLimit(createLimiter({ name: `test-${randomUUID()}`, points: 2, windowSeconds: 60 }, unreachable)),
    );
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);
    await request(app).get('/').expect(429);
    unreachable.disconnect();
  });
});
