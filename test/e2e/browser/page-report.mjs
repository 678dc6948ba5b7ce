// Opens a page in headless Chromium over the DevTools protocol and prints, as JSON, what a person would see and
// what the browser complained about: { texts, problems }. `texts` are the text of the elements matching the CSS
// selector given; `problems` every console message, log entry (CSP violations are logged there) and uncaught
// exception. A screenshot of the page goes to the PNG path given.
//   node --experimental-websocket page-report.mjs <chromium> <url> <selector> <png>
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [chromium, url, selector, png] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const port = await new Promise((resolve) => {
  const server = createServer().listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => resolve(free));
  });
});
const profile = mkdtempSync(path.join(tmpdir(), 'page-report-'));
const browser = spawn(
  chromium,
  ['--headless', '--no-sandbox', '--disable-gpu', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`,
    '--window-size=1280,1600', 'about:blank'],
  { stdio: 'ignore' },
);
try {
  let page;
  for (let attempt = 0; attempt < 100 && page === undefined; attempt += 1) {
    await sleep(100);
    const targets = await fetch(`http://127.0.0.1:${port}/json`).then((r) => r.json(), () => []);
    page = targets.find((target) => target.type === 'page');
  }
  if (page === undefined) throw new Error('Chromium opened no page');
  const socket = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', reject);
  });
  let nextId = 0;
  const waiting = new Map();
  const problems = [];
  socket.addEventListener('message', ({ data }) => {
    const message = JSON.parse(data);
    if (waiting.has(message.id)) {
      waiting.get(message.id)(message.result);
      waiting.delete(message.id);
    } else if (message.method === 'Runtime.consoleAPICalled') {
      problems.push(`console.${message.params.type}: ${message.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    } else if (message.method === 'Log.entryAdded') {
      problems.push(`${message.params.entry.source} ${message.params.entry.level}: ${message.params.entry.text}`);
    } else if (message.method === 'Runtime.exceptionThrown') {
      const details = message.params.exceptionDetails;
      problems.push(`exception: ${details.exception?.description ?? details.text}`);
    }
  });
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      nextId += 1;
      waiting.set(nextId, resolve);
      socket.send(JSON.stringify({ id: nextId, method, params }));
    });
  for (const domain of ['Runtime', 'Log', 'Page']) await send(`${domain}.enable`);
  await send('Page.navigate', { url });
  // The page renders after fetching the document: wait until the selector matches, up to 15 s.
  let texts = [];
  for (let attempt = 0; attempt < 150 && texts.length === 0; attempt += 1) {
    await sleep(100);
    const expression = `[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.textContent)`;
    texts = (await send('Runtime.evaluate', { expression, returnByValue: true })).result.value ?? [];
  }
  await sleep(500);
  const screenshot = await send('Page.captureScreenshot', { format: 'png' });
  writeFileSync(png, Buffer.from(screenshot.data, 'base64'));
  socket.close();
  process.stdout.write(`${JSON.stringify({ texts, problems })}\n`);
} finally {
  browser.kill();
  await sleep(200);
  rmSync(profile, { recursive: true, force: true });
}
