import { loadConfig } from './config';

const secrets = {
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
};

describe('loadConfig: metrics', () => {
  it('keeps none unless METRICS_PORT is set, and serves them on loopback unless told otherwise', () => {
    expect(loadConfig(secrets).metrics).toBeUndefined();
    expect(loadConfig({ ...secrets, METRICS_PORT: '' }).metrics).toBeUndefined();
    expect(loadConfig({ ...secrets, METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    const everywhere = loadConfig({ ...secrets, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' });
    expect(everywhere.metrics).toEqual({ host: '0.0.0.0', port: 9464 });
  });

  it('refuses a port that is not one, and the public port', () => {
    expect(() => loadConfig({ ...secrets, METRICS_PORT: '0' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ ...secrets, METRICS_PORT: 'metrics' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ ...secrets, METRICS_PORT: '3000' })).toThrow(/METRICS_PORT: must differ from PORT/);
    expect(() => loadConfig({ ...secrets, PORT: '8080', METRICS_PORT: '8080' })).toThrow(/must differ from PORT/);
  });
});
