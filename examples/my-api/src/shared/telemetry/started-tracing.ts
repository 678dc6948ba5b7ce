import type { Resource } from '../infrastructure/shutdown';

/**
 * What the preload (src/telemetry.ts) started, for main.ts to close last at shutdown: the spans of the last
 * requests are still buffered when the process is about to exit. Empty when tracing is off.
 */
const started: Resource[] = [];

export function holdTracing(resource: Resource): void {
  started.push(resource);
}

export function startedTracing(): readonly Resource[] {
  return started;
}
