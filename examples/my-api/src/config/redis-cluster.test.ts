import { loadConfig } from './config';
import { parseClusterNodes } from './redis-cluster';

const secrets = { JWT_ACCESS_SECRET: 'a'.repeat(32), JWT_REFRESH_SECRET: 'b'.repeat(32) };
const production = {
  ...secrets,
  NODE_ENV: 'production',
  MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
};

describe('REDIS_CLUSTER_NODES', () => {
  it('reads seed nodes and the TLS and credentials every node is reached with', () => {
    expect(parseClusterNodes('rediss://user:p%40ss@node-1.example:6380, rediss://user:p%40ss@[::1]')).toEqual({
      seeds: [
        { host: 'node-1.example', port: 6380 },
        { host: '::1', port: 6379 },
      ],
      username: 'user',
      password: 'p@ss',
      tls: true,
    });
    expect(parseClusterNodes('redis://127.0.0.1:7001')).toEqual({
      seeds: [{ host: '127.0.0.1', port: 7001 }],
      username: undefined,
      password: undefined,
      tls: false,
    });
  });

  it.each([
    ['127.0.0.1:7001', /is not a URL/],
    ['http://127.0.0.1:7001', /must start with redis:\/\/ or rediss:\/\//],
    ['redis://127.0.0.1:7001/2', /a Redis Cluster has only 0/],
    [' , ', /names no node/],
    ['redis://a:7001,rediss://b:7002', /same scheme/],
    ['redis://:one@a:7001,redis://:two@b:7002', /same scheme .* user and password/],
  ])('refuses %s', (value, problem) => {
    expect(parseClusterNodes(value)).toMatch(problem);
  });

  it('names the variable and the problem at start', () => {
    expect(() => loadConfig({ ...secrets, REDIS_CLUSTER_NODES: 'redis://a:1/3' })).toThrow(
      /REDIS_CLUSTER_NODES: "redis:\/\/a:1\/3" names a database/,
    );
  });

  it('is refused beside REDIS_URL: one of them says where Redis is', () => {
    const both = { ...secrets, REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'redis://b:7001' };
    expect(() => loadConfig(both)).toThrow(/REDIS_CLUSTER_NODES: and REDIS_URL are both set/);
  });

  it('stands for REDIS_URL in production', () => {
    const config = loadConfig({ ...production, REDIS_CLUSTER_NODES: 'rediss://default:pw@clustercfg.example:6379' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisCluster?.seeds).toEqual([{ host: 'clustercfg.example', port: 6379 }]);
    expect(() => loadConfig(production)).toThrow(/REDIS_URL: is required .*\(or REDIS_CLUSTER_NODES/);
  });
});
