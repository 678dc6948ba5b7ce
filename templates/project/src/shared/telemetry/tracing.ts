import { format } from 'node:util';
import { diag, type DiagLogFunction } from '@opentelemetry/api';
import { diagLogLevelFromString } from '@opentelemetry/core';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongooseInstrumentation } from '@opentelemetry/instrumentation-mongoose';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, detectResources, envDetector, hostDetector, processDetector } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Resource } from '../infrastructure/shutdown';
import type { TracingSettings } from './tracing-settings';

/**
 * The OpenTelemetry SDK, traces only: the one module that loads it, and only the preload (src/telemetry.ts) does,
 * before the modules it instruments. Everything the SDK and the OTLP exporter read themselves comes from the
 * standard variables too: OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER(_ARG), OTEL_BSP_*,
 * OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT, _HEADERS, _TIMEOUT and _COMPRESSION. Propagation is W3C `traceparent`
 * (and `baggage`): read from every request, sent on every outgoing http and fetch request.
 */

/** The SDK's own messages go to stderr: stdout carries the service's JSON log lines, one object per line. */
const toStderr: DiagLogFunction = (message, ...args) => {
  process.stderr.write(`[telemetry] ${format(message, ...args)}\n`);
};

function instrumentations() {
  return [
    // Probes are not requests anyone follows (the request log skips them too).
    // Nor are Prometheus's scrapes of the metrics server (METRICS_PORT).
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => req.url?.startsWith('/health/') === true || req.url === '/metrics',
    }),
    // One span per route handler, which also names the request's span after the route (`GET /api/v1/users/:id`);
    // middleware and router spans would add ten to every request.
    new ExpressInstrumentation({
      ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      spanNameHook: ({ route }) => `request handler - ${route}`,
    }),
    // Keys carry addresses, user ids and emails; arguments carry cached records and token ids: the command only.
    new IORedisInstrumentation({ dbStatementSerializer: (command) => command }),
    // Inside traced work only: index builds at startup and background reads are not requests.
    new MongooseInstrumentation({ requireParentSpan: true }),
    // trace_id and span_id on every log line written inside a span; the lines still go to stdout only.
    new PinoInstrumentation({ disableLogSending: true }),
    new UndiciInstrumentation(),
  ];
}

/** At shutdown, how long the spans still batched may take to leave: a collector that never answers must not hold the exit. */
const FLUSH_TIMEOUT_MS = 2_000;

async function flushWithin(provider: NodeTracerProvider, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([provider.shutdown(), gaveUp]).finally(() => clearTimeout(timer));
  if (outcome === 'timeout') toStderr(`the last spans were not sent within ${timeoutMs} ms; exiting without them`);
}

/** Starts tracing; the returned resource flushes the spans still buffered, at shutdown, and stops. */
export function startTracing(settings: TracingSettings): Resource {
  diag.setLogger(
    { error: toStderr, warn: toStderr, info: toStderr, debug: toStderr, verbose: toStderr },
    diagLogLevelFromString(settings.logLevel),
  );
  const exporter = settings.protocol === 'http/json' ? new JsonExporter() : new ProtobufExporter();
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(detectResources({ detectors: [envDetector, hostDetector, processDetector] })),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  registerInstrumentations({ tracerProvider: provider, instrumentations: instrumentations() });
  return { name: 'traces', close: () => flushWithin(provider, FLUSH_TIMEOUT_MS) };
}
