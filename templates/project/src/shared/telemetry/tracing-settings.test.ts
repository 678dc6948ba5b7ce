import { otelEntriesOfEnvFile, TelemetryConfigError, tracingSettings } from './tracing-settings';

const ENDPOINT = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    tracingSettings(env);
  } catch (error) {
    if (error instanceof TelemetryConfigError) return error.problems;
    throw error;
  }
  throw new Error('no TelemetryConfigError');
}

describe('tracingSettings: whether the preload starts tracing', () => {
  it.each([
    ['nothing is set', {}],
    ['the endpoint is empty (unset, as in .env.example)', { OTEL_EXPORTER_OTLP_ENDPOINT: ' ' }],
    ['only the service name is set', { OTEL_SERVICE_NAME: 'my-api' }],
    ['OTEL_SDK_DISABLED=true', { ...ENDPOINT, OTEL_SDK_DISABLED: 'TRUE' }],
    ['OTEL_TRACES_EXPORTER=none', { ...ENDPOINT, OTEL_TRACES_EXPORTER: 'none' }],
    ['OTEL_TRACES_EXPORTER names none among others', { ...ENDPOINT, OTEL_TRACES_EXPORTER: 'otlp, none' }],
  ])('is off when %s', (_case, env) => {
    expect(tracingSettings(env)).toBeUndefined();
  });

  it.each([
    ['OTEL_EXPORTER_OTLP_ENDPOINT', ENDPOINT],
    [
      'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
      { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otlp.example.com/v1/traces' },
    ],
    ['OTEL_TRACES_EXPORTER=otlp (the default endpoint)', { OTEL_TRACES_EXPORTER: 'otlp' }],
    ['OTEL_SDK_DISABLED=false', { ...ENDPOINT, OTEL_SDK_DISABLED: 'false' }],
  ])('is on with %s, over http/protobuf by default', (_case, env) => {
    expect(tracingSettings(env)).toEqual({ protocol: 'http/protobuf', logLevel: 'info' });
  });

  it('takes the protocol and the SDK log level from the standard variables, the traces-only one first', () => {
    expect(tracingSettings({ ...ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })?.protocol).toBe('http/json');
    const both = { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' };
    expect(tracingSettings({ ...ENDPOINT, ...both })?.protocol).toBe('http/json');
    expect(tracingSettings({ ...ENDPOINT, OTEL_LOG_LEVEL: 'DEBUG' })?.logLevel).toBe('debug');
  });

  it('refuses what is not installed or malformed, naming every variable at once', () => {
    const env = {
      OTEL_TRACES_EXPORTER: 'zipkin',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'localhost:4318',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_LOG_LEVEL: 'loud',
    };
    expect(problemsOf(env)).toEqual([
      'OTEL_TRACES_EXPORTER: must be otlp or none (the only exporter installed is OTLP), not zipkin',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http:// or https:// URL, such as http://localhost:4318, not localhost:4318',
      'OTEL_EXPORTER_OTLP_PROTOCOL: must be http/protobuf (the default) or http/json, not grpc',
      'OTEL_LOG_LEVEL: must be one of none, error, warn, info, debug, verbose, all, not loud',
    ]);
  });

  it('checks nothing while tracing is off', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_LOG_LEVEL: 'loud' })).toBeUndefined();
  });
});

describe('otelEntriesOfEnvFile: what the preload takes from .env', () => {
  const file = [
    '# OTEL_SERVICE_NAME=commented-out',
    'PORT=3000',
    'OTEL_EXPORTER_OTLP_ENDPOINT="http://collector:4318"',
    'OTEL_SERVICE_NAME=from-file',
    'OTEL_EXPORTER_OTLP_PROTOCOL=',
  ].join('\n');

  it('takes the OTEL_ variables only, as main.ts will read them (quotes removed, comments skipped)', () => {
    expect(otelEntriesOfEnvFile(file, {})).toEqual({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'from-file',
      OTEL_EXPORTER_OTLP_PROTOCOL: '',
    });
  });

  it('never overrides the environment, as process.loadEnvFile does not', () => {
    const env = { OTEL_SERVICE_NAME: 'from-environment', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' };
    expect(otelEntriesOfEnvFile(file, env)).toEqual({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
  });
});
