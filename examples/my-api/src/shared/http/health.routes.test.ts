import request from 'supertest';
import { heldByRedis } from '../../startup';
import { buildTestApp } from '../../testing/test-app';
import { Lifecycle } from '../infrastructure/lifecycle';
import { unreachableRedis } from '../testing/redis';

const mongoUp = { name: 'mongo', check: () => Promise.resolve(true) };

describe('readiness', () => {
  it('is ready when every dependency answers, and reports each', async () => {
    const app = buildTestApp({ readinessChecks: [mongoUp] });
    const response = await request(app).get('/health/ready').expect(200);
    expect(response.body).toEqual({ status: 'ready', checks: { mongo: 'up' } });
  });

  it('stays 200 while Redis is down, degraded with checks.redis down: a shared outage takes out no instance', async () => {
    const redis = unreachableRedis();
    try {
      const app = buildTestApp({ readinessChecks: [mongoUp, ...heldByRedis(redis).readinessChecks] });
      const response = await request(app).get('/health/ready').expect(200);
      expect(response.body).toEqual({ status: 'degraded', checks: { mongo: 'up', redis: 'down' } });
    } finally {
      redis.disconnect();
    }
  });

  it('reports a check that fails as down, MongoDB included, and still answers 200', async () => {
    const mongoDown = { name: 'mongo', check: () => Promise.reject(new Error('server selection timed out')) };
    const response = await request(buildTestApp({ readinessChecks: [mongoDown] }))
      .get('/health/ready')
      .expect(200);
    expect(response.body).toEqual({ status: 'degraded', checks: { mongo: 'down' } });
  });

  it('answers 503 shutting_down once the drain has begun, while liveness stays 200', async () => {
    const lifecycle = new Lifecycle();
    const app = buildTestApp({ lifecycle, readinessChecks: [mongoUp] });
    await request(app).get('/health/ready').expect(200);
    lifecycle.beginShutdown();
    const draining = await request(app).get('/health/ready').expect(503);
    expect(draining.body).toEqual({ status: 'shutting_down' });
    await request(app).get('/health/live').expect(200);
  });
});
