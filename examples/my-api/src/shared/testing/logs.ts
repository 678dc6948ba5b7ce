import { Writable } from 'node:stream';
import { createRootLogger, type Logger } from '../infrastructure/logger';

/** A JSON logger whose lines the test reads back, each as written. */
export function capturedLogger(level: string): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return { logger: createRootLogger({ level, pretty: false }, stream), lines };
}
