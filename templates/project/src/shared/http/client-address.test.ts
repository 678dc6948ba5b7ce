import request from 'supertest';
import { buildTestApp } from '../../testing/test-app';
import { capturedLogger } from '../testing/logs';
import { clientKey } from './client-address';

describe('clientKey', () => {
  it.each([
    ['IPv4 as is', '203.0.113.7', '203.0.113.7'],
    ['IPv4-mapped IPv6 as its IPv4 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['IPv4-mapped IPv6, upper case', '::FFFF:203.0.113.7', '203.0.113.7'],
    ['IPv6 by its /64', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['IPv6 with :: inside the /64', '2001:db8::1', '2001:db8:0:0::/64'],
    ['IPv6 with leading zeros', '2001:0db8:0001:0002::0001', '2001:db8:1:2::/64'],
    ['IPv6 with a zone id', 'fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['IPv6 ending in a dotted quad (NAT64)', '64:ff9b:1:2::192.0.2.1', '64:ff9b:1:2::/64'],
    ['loopback', '::1', '0:0:0:0::/64'],
    ['IPv4-mapped IPv6 written in hex as its IPv4 address', '::ffff:cb00:7107', '203.0.113.7'],
    ['IPv4 with the port a proxy appended', '203.0.113.7:50001', '203.0.113.7'],
    ['IPv6 in brackets with a port', '[2001:db8:1:2::1]:443', '2001:db8:1:2::/64'],
    ['IPv6 in brackets', '[2001:db8:1:2::1]', '2001:db8:1:2::/64'],
    ['no address (the socket is gone)', undefined, 'unknown'],
  ])('keys %s', (_case, address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it('gives every address of one /64 one key, and the next /64 another', () => {
    const keys = ['2001:db8:aa:1::1', '2001:db8:aa:1:ffff:ffff:ffff:ffff', '2001:db8:aa:1:8000::'].map(clientKey);
    expect(new Set(keys).size).toBe(1);
    expect(clientKey('2001:db8:aa:2::1')).not.toBe(keys[0]);
  });
});

describe('a proxy the service does not trust', () => {
  const warningsOf = (env: Record<string, string>) => {
    const { logger, lines } = capturedLogger('warn');
    const warnings = () => lines.map((line) => JSON.parse(line) as { level: number; msg: string });
    return { app: buildTestApp({ env, logger }), warnings };
  };

  it('is warned of once, at the first request that came through a proxy, when TRUST_PROXY_HOPS=0', async () => {
    const { app, warnings } = warningsOf({});
    await request(app).get('/openapi.json').expect(200);
    expect(warnings()).toEqual([]);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await request(app).get('/openapi.json').set('X-Forwarded-For', '203.0.113.7').expect(200);
    }
    expect(warnings()).toEqual([expect.objectContaining({ msg: expect.stringMatching(/TRUST_PROXY_HOPS=0/) })]);
  });

  it('is not warned of when TRUST_PROXY_HOPS says how many proxies there are', async () => {
    const { app, warnings } = warningsOf({ TRUST_PROXY_HOPS: '1' });
    await request(app).get('/openapi.json').set('X-Forwarded-For', '203.0.113.7').expect(200);
    expect(warnings()).toEqual([]);
  });
});
