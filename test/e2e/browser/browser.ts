import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { run } from '../helpers';

/** Debian's `chromium`, or another Chromium on PATH; undefined when there is none. */
export const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find(
  (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0,
);

export interface PageReport {
  /** The text of each element matching the selector, once the page rendered them. */
  readonly texts: readonly string[];
  /** Console messages, browser log entries (CSP violations among them) and uncaught exceptions. */
  readonly problems: readonly string[];
}

/** Opens `url` in headless Chromium, waits for `selector`, screenshots the page to `png`. */
export async function reportPage(url: string, selector: string, png: string): Promise<PageReport> {
  if (CHROMIUM === undefined) throw new Error('no Chromium on PATH');
  const script = path.join(__dirname, 'page-report.mjs');
  const args = ['--experimental-websocket', script, CHROMIUM, url, selector, png];
  const result = await run(process.execPath, args, { cwd: __dirname, timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`page-report failed (exit ${result.code}):\n${result.output}`);
  return JSON.parse(result.stdout) as PageReport;
}
