import { loadConfig } from './config';

const secrets = {
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
};

describe('HTTP timeouts', () => {
  it('keeps idle connections longer than the common balancers do, with headers and request timeouts above that', () => {
    expect(loadConfig(secrets).http.timeouts).toEqual({
      keepAliveMs: 65_000,
      headersMs: 66_000,
      requestMs: 126_000,
      deadlineMs: 10_000,
    });
  });

  it('derives the unset timeouts from the keep-alive one (GCP: over 600 s)', () => {
    expect(loadConfig({ ...secrets, HTTP_KEEP_ALIVE_TIMEOUT_MS: '620000' }).http.timeouts).toMatchObject({
      keepAliveMs: 620_000,
      headersMs: 621_000,
      requestMs: 681_000,
    });
  });

  it('refuses a headers timeout that is not longer than the keep-alive timeout, saying what it must be', () => {
    expect(() => loadConfig({ ...secrets, HTTP_HEADERS_TIMEOUT_MS: '65000' })).toThrow(
      /HTTP_HEADERS_TIMEOUT_MS: must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS \(65000\), or unset \(then 66000\)/,
    );
    expect(() =>
      loadConfig({ ...secrets, HTTP_KEEP_ALIVE_TIMEOUT_MS: '620000', HTTP_HEADERS_TIMEOUT_MS: '70000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must be longer than HTTP_KEEP_ALIVE_TIMEOUT_MS \(620000\)/);
  });

  it('refuses a request timeout shorter than the headers timeout, and a keep-alive timeout under a second', () => {
    expect(() => loadConfig({ ...secrets, HTTP_REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      /HTTP_REQUEST_TIMEOUT_MS: must be at least HTTP_HEADERS_TIMEOUT_MS \(66000\)/,
    );
    expect(() => loadConfig({ ...secrets, HTTP_KEEP_ALIVE_TIMEOUT_MS: '500' })).toThrow(
      /HTTP_KEEP_ALIVE_TIMEOUT_MS: must be at least 1000/,
    );
    expect(() => loadConfig({ ...secrets, REQUEST_DEADLINE_MS: 'soon' })).toThrow(/REQUEST_DEADLINE_MS/);
  });

  it('refuses a request deadline that, after the shutdown delay, would outlast the shutdown timeout', () => {
    const production = {
      ...secrets,
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb://127.0.0.1:27017/app',
      REDIS_URL: 'redis://127.0.0.1:6379',
    };
    expect(() => loadConfig({ ...production, REQUEST_DEADLINE_MS: '15000' })).toThrow(
      /REQUEST_DEADLINE_MS: plus SHUTDOWN_DELAY_MS \(5000\) must be shorter than SHUTDOWN_TIMEOUT_MS \(20000\)/,
    );
    expect(loadConfig({ ...production, REQUEST_DEADLINE_MS: '14000' }).http.timeouts.deadlineMs).toBe(14_000);
    expect(() => loadConfig({ ...secrets, SHUTDOWN_TIMEOUT_MS: '10000' })).toThrow(/REQUEST_DEADLINE_MS/);
  });
});
