import { parseEnv } from 'node:util';

/**
 * Whether and how the service traces, from the standard OTEL_* variables alone (the OpenTelemetry specification's
 * names, values and defaults). Nothing of OpenTelemetry is loaded here: the preload (src/telemetry.ts) decides with
 * this first, and without an exporter to send spans to it loads nothing at all.
 */

export type OtlpProtocol = 'http/protobuf' | 'http/json';

/** OTEL_LOG_LEVEL's values: how much the SDK says about itself (failed exports, invalid settings) on stderr. */
const LOG_LEVELS = ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'] as const;
export type TelemetryLogLevel = (typeof LOG_LEVELS)[number];
const isLogLevel = (value: string): value is TelemetryLogLevel => LOG_LEVELS.some((level) => level === value);

export interface TracingSettings {
  readonly protocol: OtlpProtocol;
  readonly logLevel: TelemetryLogLevel;
}

export class TelemetryConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'TelemetryConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Empty values count as unset, as in the rest of the configuration (and in the OpenTelemetry SDK). */
function valueOf(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

/** The first of `names` that is set, with its value. */
function firstSet(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = valueOf(env, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

/**
 * The OTEL_* entries of a `.env` file that `env` lacks. main.ts reads `.env` only after the preload, and never over
 * the environment: these are the values the service will have, so the preload takes them first.
 */
export function otelEntriesOfEnvFile(text: string, env: Env): Record<string, string> {
  const entries = Object.entries(parseEnv(text)).filter(
    (entry): entry is [string, string] => entry[0].startsWith('OTEL_') && entry[1] !== undefined,
  );
  return Object.fromEntries(entries.filter(([name]) => env[name] === undefined));
}

/**
 * undefined (tracing off) with OTEL_SDK_DISABLED=true, with OTEL_TRACES_EXPORTER=none, and when nothing names an
 * exporter: neither OTEL_TRACES_EXPORTER nor an OTLP endpoint is set. OTEL_TRACES_EXPORTER=otlp alone sends to the
 * specification's default, http://localhost:4318. Only OTLP over HTTP is installed: other exporters or protocols
 * are refused, with every problem listed.
 */
export function tracingSettings(env: Env): TracingSettings | undefined {
  if (valueOf(env, 'OTEL_SDK_DISABLED')?.toLowerCase() === 'true') return undefined;
  const exporters = (valueOf(env, 'OTEL_TRACES_EXPORTER') ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '');
  if (exporters.includes('none')) return undefined;
  const endpoint = firstSet(env, ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_EXPORTER_OTLP_ENDPOINT']);
  if (exporters.length === 0 && endpoint === undefined) return undefined;

  const problems: string[] = [];
  if (exporters.some((name) => name !== 'otlp')) {
    problems.push(
      `OTEL_TRACES_EXPORTER: must be otlp or none (the only exporter installed is OTLP), not ${exporters.join(',')}`,
    );
  }
  if (endpoint !== undefined && !/^https?:\/\/[^/]/.test(endpoint.value)) {
    problems.push(
      `${endpoint.name}: must be an http:// or https:// URL, such as http://localhost:4318, not ${endpoint.value}`,
    );
  }
  const protocol = firstSet(env, ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']);
  if (protocol !== undefined && protocol.value !== 'http/protobuf' && protocol.value !== 'http/json') {
    problems.push(`${protocol.name}: must be http/protobuf (the default) or http/json, not ${protocol.value}`);
  }
  const logLevel = (valueOf(env, 'OTEL_LOG_LEVEL') ?? 'info').toLowerCase();
  if (!isLogLevel(logLevel)) problems.push(`OTEL_LOG_LEVEL: must be one of ${LOG_LEVELS.join(', ')}, not ${logLevel}`);
  if (problems.length > 0 || !isLogLevel(logLevel)) throw new TelemetryConfigError(problems);
  return { protocol: protocol?.value === 'http/json' ? 'http/json' : 'http/protobuf', logLevel };
}
