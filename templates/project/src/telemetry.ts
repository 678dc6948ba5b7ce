/**
 * The preload of `npm start` and the Dockerfile (`node --require ./dist/telemetry.js dist/main.js`) and of
 * `npm run dev` (`tsx watch --import ./src/telemetry.ts`): tracing has to start before express, ioredis, mongoose
 * and pino are first required, or they stay uninstrumented. It is configured by the standard OTEL_* variables only,
 * from the environment, then `.env`; with no exporter configured it returns without loading any of OpenTelemetry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { holdTracing } from './shared/telemetry/started-tracing';
import { otelEntriesOfEnvFile, TelemetryConfigError, tracingSettings } from './shared/telemetry/tracing-settings';

function settingsOrExit(): ReturnType<typeof tracingSettings> {
  if (existsSync('.env')) Object.assign(process.env, otelEntriesOfEnvFile(readFileSync('.env', 'utf8'), process.env));
  try {
    return tracingSettings(process.env);
  } catch (error) {
    if (error instanceof TelemetryConfigError) {
      process.stderr.write(`${error.message}\nFix the variables above (see .env.example) and start again.\n`);
      process.exit(1);
    }
    throw error;
  }
}

const settings = settingsOrExit();
if (settings !== undefined) {
  // Required here, not imported above: with tracing off, the SDK is never loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./shared/telemetry/tracing') as typeof import('./shared/telemetry/tracing');
  holdTracing(startTracing(settings));
}
