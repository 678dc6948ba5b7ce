'use strict';
// `npm run bench [-- --profile] [-- --only cli]`: CLI timings (against create-t3-app), HTTP throughput/latency of a
// generated server against bare Express, memory and test-suite time. Prints a table and writes
// bench/results/latest.json. See bench/README.md.
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const profile = require('./profile');

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'packages/create-ddd-express');
const RESULTS = path.join(__dirname, 'results');
const num = (name, fallback) => (process.env[name] ? Number(process.env[name]) : fallback);
/**
 * `--only cli` (or BENCH_ONLY=cli): the parts to run, comma-separated; `cli` is create, generate and upgrade,
 * `server` is http, traces, hashing, cache and test.
 */
const ONLY = (() => {
  const at = process.argv.indexOf('--only');
  const value = at >= 0 ? process.argv[at + 1] : process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
  const parts = (value ?? process.env.BENCH_ONLY ?? '').split(',').map((part) => part.trim()).filter(Boolean);
  const groups = { cli: ['create', 'generate', 'upgrade'], server: ['http', 'traces', 'hashing', 'cache', 'test'] };
  const known = ['cli', 'create', 'generate', 'upgrade', 'server', 'http', 'traces', 'hashing', 'cache', 'test'];
  const unknown = parts.filter((part) => !known.includes(part));
  if (unknown.length > 0) {
    console.error(`bench: unknown --only part ${unknown.join(', ')} (known: ${known.join(', ')})`);
    process.exit(2);
  }
  const wanted = new Set(parts.flatMap((part) => groups[part] ?? [part]));
  return (part) => wanted.size === 0 || wanted.has(part);
})();
const OPTS = {
  duration: num('BENCH_DURATION', 10), // seconds per autocannon run
  connections: num('BENCH_CONNECTIONS', 50),
  rounds: Math.max(2, num('BENCH_ROUNDS', 3)),
  runs: Math.max(7, num('BENCH_RUNS', 15)), // CLI timing runs (create: rounds of ours and create-t3-app)
  warmup: num('BENCH_WARMUP', 2), // seconds per HTTP target before the measured rounds
  soak: num('BENCH_SOAK', 60), // seconds of load on the protected route after the rounds: memory growth (0: skip)
  profile: process.argv.includes('--profile'),
  hashingOnly: process.argv.includes('--hashing'), // only the hashing load (after preparing the project)
  hashLogins: num('BENCH_HASH_LOGINS', 24), // concurrent logins of the hashing load
};
const FIELDS =
  'title:string total:number qty:integer paid:boolean due:date status:enum(pending|paid|shipped) note:string?';
/** Contexts of the bench project: [name, ...ddd generate flags]. */
const CACHE_CONTEXTS = [['orders'], ['receipts', '--no-cache']];
const CACHE_READS = 1_000;
const EMULATOR = path.join(ROOT, 'test/mongo-emulator/mongo-emulator.py');
const SAMPLE_RECORD = { title: 'bench', total: 42.5, qty: 3, paid: false, due: '2026-12-01', status: 'pending' };
const GOALS = {
  create: ['≤ 0.25 s', (s) => s <= 0.25],
  t3Ratio: ['≤ 0.35×', (r) => r <= 0.35],
  generate: ['≤ 0.20 s', (s) => s <= 0.2],
  rpsRatio: ['b/a ≥ 0.80', (r) => r >= 0.8],
  p99Ratio: ['≤ 2× bare', (r) => r <= 2],
  rss: ['≤ 120 MB', (mb) => mb <= 120],
  growth: ['< 10%', (pct) => pct < 10],
  testCold: ['≤ 15 s', (s) => s <= 15],
  testWarm: ['≤ 10 s', (s) => s <= 10],
  upgrade: ['≤ 1 s', (s) => s <= 1],
  tracingOff: ['≤ +5 % (noise)', (r) => r <= 1.05],
};

// ---------- processes and temp dirs, always cleaned up ----------
const children = new Set();
const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ddd-bench-'));
/** The bench's own environment without what would change the children's behaviour; `extra` is what they get. */
const childEnv = (extra = {}) => {
  const env = { ...process.env };
  for (const key of ['CREATE_DDD_EXPRESS_CLI_SPEC', 'MONGODB_URI', 'npm_config_prefix']) delete env[key];
  // Tracing is on only where a target asks for it (traces).
  for (const key of Object.keys(env)) if (key.startsWith('OTEL_')) delete env[key];
  return { ...env, ...extra };
};
const killGroup = (child, signal = 'SIGKILL') => {
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own group (npm → jest workers, …)
  } catch {}
};
process.on('exit', () => {
  for (const child of children) killGroup(child);
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => process.exit(130));
setTimeout(() => fail(`bench exceeded BENCH_TIMEOUT_S`), num('BENCH_TIMEOUT_S', 1800) * 1000).unref();

function fail(message) {
  console.error(`\nbench failed: ${message}`);
  process.exit(1);
}

/** Starts a process in its own group; `exited` resolves to { code, signal }. */
function start(cmd, args, { cwd = ROOT, env = childEnv(), stdout = 'ignore', stderr = 'pipe' } = {}) {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', stdout, stderr] });
  children.add(child);
  child.output = '';
  child.stderr?.on('data', (chunk) => (child.output = (child.output + chunk).slice(-4000)));
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(() => children.delete(child));
  return child;
}

/** Runs a command to completion within timeoutMs; returns its wall time in seconds, throws on failure. */
async function run(cmd, args, { timeoutMs = 60_000, ...options } = {}) {
  const began = process.hrtime.bigint();
  const child = start(cmd, args, options);
  const timer = setTimeout(() => killGroup(child), timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  if (code !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${signal ?? `exit ${code}`}\n${child.output}`);
  return seconds;
}

async function stop(child, timeoutMs = 15_000) {
  if (!children.has(child)) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child), timeoutMs);
  await child.exited;
  clearTimeout(timer);
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

async function waitFor(what, child, probe, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!children.has(child)) fail(`${what} exited early\n${child.output}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  fail(`${what} not ready after ${timeoutMs} ms\n${child.output}`);
}

const redisPing = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.setTimeout(500, () => socket.destroy());
    socket.once('data', (data) => (socket.destroy(), resolve(String(data).startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const stats = (values) => ({ median: median(values), min: Math.min(...values), max: Math.max(...values), runs: values });
const CLK_TCK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** CPU time (user + system, all threads) the process has used so far, in µs. */
const cpuUs = (pid) => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1e6;
};
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const createArgs = (dir, cli = CLI) => [path.join(cli, 'bin/create-ddd-express.js'), dir, '--yes', '--no-install', '--no-git'];
const hasFiles = (dir) =>
  fs.existsSync(dir) && fs.readdirSync(dir, { recursive: true, withFileTypes: true }).some((e) => e.isFile());

// ---------- 1 + 2: CLI wall times ----------
/** The reference CLI, installed once into a cache dir outside the repo's dependencies (`npm install --prefix`). */
const T3_VERSION = process.env.BENCH_T3_VERSION ?? '7.40.0';
const T3_FLAGS = (process.env.BENCH_T3_FLAGS ?? '--CI --noGit --noInstall').split(/\s+/).filter(Boolean);
const CACHE_DIR = path.resolve(process.env.BENCH_CACHE_DIR ?? path.join(ROOT, '.cache', 'bench'));

async function installT3() {
  const prefix = path.join(CACHE_DIR, `create-t3-app-${T3_VERSION}`);
  const bin = path.join(prefix, 'node_modules/create-t3-app/dist/index.js');
  if (!fs.existsSync(bin)) {
    console.log(`  installing create-t3-app@${T3_VERSION} into ${path.relative(ROOT, prefix) || prefix} (once)…`);
    fs.mkdirSync(prefix, { recursive: true });
    const args = ['install', '--prefix', prefix, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', `create-t3-app@${T3_VERSION}`];
    await run('npm', args, { cwd: prefix, timeoutMs: 300_000 });
  }
  return bin;
}

/** Another checkout's CLI (BENCH_BASELINE_CLI, its packages/create-ddd-express, built), timed alternately with ours. */
const BASELINE_CLI = process.env.BENCH_BASELINE_CLI ? path.resolve(process.env.BENCH_BASELINE_CLI) : undefined;

/**
 * Rounds of every contender back to back, in an order that rotates each round (so none always runs first, after
 * the previous one's disk writes); per contender the stats, and per pair the ratio of medians and the median of
 * per-round ratios. `contenders`: name → (dir) => [cmd, args, cwd = dir], called (and so set up) before the clock starts.
 */
async function alternate(contenders) {
  const names = Object.keys(contenders);
  const times = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < OPTS.runs; i++) {
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) {
      const dir = fs.mkdtempSync(path.join(tmpRoot, `${name}-`));
      const [cmd, args, cwd = dir] = contenders[name](dir);
      times[name].push(await run(cmd, args, { cwd }));
      // Kept until the bench ends (tmpRoot): ext4 skips recently deleted inodes when it allocates, so deleting
      // ~270 files here would make the next contender's file creation scan past them (several times slower).
    }
  }
  return Object.fromEntries(names.map((name) => [name, stats(times[name])]));
}

const perRunRatio = (x, base) => median(x.runs.map((t, i) => t / base.runs[i]));

async function benchCreate() {
  const contenders = { ours: (dir) => [process.execPath, createArgs(path.join(dir, 'x'))] };
  if (BASELINE_CLI) contenders.baseline = (dir) => [process.execPath, createArgs(path.join(dir, 'x'), BASELINE_CLI)];
  let t3;
  try {
    const bin = await installT3();
    contenders.t3 = (dir) => [process.execPath, [bin, 'x', ...T3_FLAGS]];
  } catch (error) {
    t3 = { error: `create-t3-app@${T3_VERSION} not installed: ${error.message.split('\n')[0]}` };
  }
  const result = await alternate(contenders);
  return {
    ...result.ours,
    ...(result.baseline && { baseline: result.baseline }),
    t3: result.t3 ? { version: T3_VERSION, flags: T3_FLAGS.join(' '), ...result.t3 } : t3,
  };
}

async function benchGenerate() {
  if (!hasFiles(path.join(ROOT, 'templates/domain'))) return { na: 'n/a (no domain templates)' };
  const pristine = path.join(tmpRoot, 'generate-src', 'x');
  await run(process.execPath, createArgs(pristine), { cwd: tmpRoot });
  const generate = (cli) => (dir) => {
    const copy = path.join(dir, 'x');
    fs.cpSync(pristine, copy, { recursive: true });
    return [process.execPath, [path.join(cli, 'bin/ddd.js'), 'generate', 'domain', 'orders', '--fields', FIELDS], copy];
  };
  const contenders = { ours: generate(CLI), ...(BASELINE_CLI && { baseline: generate(BASELINE_CLI) }) };
  try {
    const result = await alternate(contenders);
    return { ...result.ours, ...(result.baseline && { baseline: result.baseline }) };
  } catch (error) {
    return { error: error.message.split('\n').slice(1).join(' ').trim() || error.message }; // reported, not fatal
  }
}

// ---------- 2b: ddd upgrade, from the templates of an earlier commit to these ----------
/** The same fixture as the end-to-end upgrade phase: before a deleted use case and a moved file. */
const UPGRADE_FROM = 'aab0183';
const GIT_AS_BENCH = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid'];

async function benchUpgrade() {
  const oldTemplates = path.join(tmpRoot, `templates-${UPGRADE_FROM}`);
  fs.mkdirSync(oldTemplates);
  const archive = spawnSync('sh', ['-c', `git archive ${UPGRADE_FROM} templates | tar -x -C "${oldTemplates}"`], { cwd: ROOT });
  if (archive.status !== 0) return { error: `git archive ${UPGRADE_FROM} failed (a shallow clone?)` };
  const env = childEnv({ CREATE_DDD_EXPRESS_TEMPLATES: path.join(oldTemplates, 'templates') });
  const ddd = (dir, args, options = {}) => run(process.execPath, [path.join(CLI, 'bin/ddd.js'), ...args], { cwd: dir, ...options });
  const commit = async (dir, message) => {
    await run('git', [...GIT_AS_BENCH, 'add', '-A'], { cwd: dir });
    await run('git', [...GIT_AS_BENCH, 'commit', '-qm', message], { cwd: dir });
  };
  const pristine = path.join(tmpRoot, 'upgrade-src', 'legacy');
  await run(process.execPath, [path.join(CLI, 'bin/create-ddd-express.js'), pristine, '--yes', '--no-install'], { cwd: tmpRoot, env });
  for (const name of ['orders', 'posts']) await ddd(pristine, ['generate', 'domain', name, '--fields', FIELDS], { env });
  await commit(pristine, 'orders and posts');
  const upgrade = [];
  const current = [];
  for (let i = 0; i < OPTS.runs; i++) {
    const copy = path.join(tmpRoot, `upgrade-${i}`);
    fs.cpSync(pristine, copy, { recursive: true });
    upgrade.push(await ddd(copy, ['upgrade']));
    await commit(copy, 'upgrade');
    current.push(await ddd(copy, ['upgrade'])); // the copy stays until the end, as in alternate()
  }
  return { upgrade: stats(upgrade), current: stats(current) };
}

// ---------- the generated project, installed and built ----------
async function prepareProject() {
  const dir = process.env.BENCH_PROJECT_DIR ? path.resolve(process.env.BENCH_PROJECT_DIR) : path.join(tmpRoot, 'app');
  if (!fs.existsSync(path.join(dir, 'node_modules'))) {
    if (hasFiles(dir) && !fs.existsSync(path.join(dir, 'ddd.json'))) fail(`${dir} is not empty and not a project`);
    console.log(`generating and installing the project in ${dir} (npm install, ~1 min)…`);
    if (!fs.existsSync(path.join(dir, 'ddd.json'))) await run(process.execPath, createArgs(dir), { cwd: tmpRoot });
    await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 600_000 });
  } else {
    console.log(`reusing the installed project ${dir} (BENCH_PROJECT_DIR)`);
  }
  if (!fs.existsSync(path.join(dir, 'dist/main.js'))) await run('npm', ['run', 'build'], { cwd: dir, timeoutMs: 300_000 });
  return { dir };
}

/** The node flags of the project's `npm start` (`node [flags] dist/main.js`): the server runs as production would. */
function startFlags(dir) {
  const start = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).scripts?.start ?? '';
  const words = start.trim().split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/main.js') fail(`expected "node [flags] dist/main.js" as npm start: ${start}`);
  return words.slice(1, -1);
}

async function startServer(dir, redisPort, { flags = startFlags(dir), nodeArgs = [], logFile, env: extraEnv = {} }) {
  const port = await freePort();
  const env = childEnv({
    NODE_ENV: 'development',
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    HOST: '127.0.0.1',
    PORT: String(port),
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    RATE_LIMIT_POINTS: '1000000000',
    // In-memory repositories: the bench measures the stack, not a store (development's NeDB files by default).
    DATA_DIR: ':memory:',
    ...extraEnv,
  });
  const out = fs.openSync(logFile, 'w');
  const child = start(process.execPath, [...flags, ...nodeArgs, 'dist/main.js'], { cwd: dir, env, stdout: out });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  await waitFor('generated server', child, async () => (await fetch(`${base}/health/live`)).ok);
  return { child, base, ...(await logIn(base)) };
}

async function logIn(base) {
  const credentials = { email: `bench-${Date.now()}@example.com`, password: 'correct horse battery staple' };
  const post = (route) =>
    fetch(`${base}/api/v1/auth/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
      signal: AbortSignal.timeout(15_000),
    });
  const registered = await post('register');
  if (registered.status !== 201) fail(`register → ${registered.status} ${await registered.text()}`);
  const loggedIn = await post('login');
  if (!loggedIn.ok) fail(`login → ${loggedIn.status} ${await loggedIn.text()}`);
  const { accessToken } = await loggedIn.json();
  const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!me.ok) fail(`GET /api/v1/auth/me → ${me.status} ${await me.text()}`);
  return { token: accessToken, credentials };
}

const load = async ({ pid, ...target }, duration) => {
  const cpuBefore = pid === undefined ? 0 : cpuUs(pid);
  const result = await autocannon({ ...target, connections: OPTS.connections, duration });
  return {
    // Server CPU per request: what a request costs, whatever the load generator managed.
    cpuUsPerRequest: pid === undefined ? undefined : (cpuUs(pid) - cpuBefore) / result.requests.total,
    rssMb: pid === undefined ? undefined : rssMb(pid), // right after the load, before the heap can shrink
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
};

// ---------- 3 + 4: HTTP, alternating rounds ----------
async function startBare(label, extraEnv = {}) {
  const port = await freePort();
  const child = start(process.execPath, [path.join(__dirname, 'bare-server.js')], { env: childEnv({ PORT: String(port), ...extraEnv }) });
  await waitFor(label, child, async () => (await fetch(`http://127.0.0.1:${port}/`)).ok);
  return { child, url: `http://127.0.0.1:${port}/` };
}

async function benchHttp(dir, redisPort) {
  const bare = await startBare('bare server');
  // The same bare app, served the way the generated server is: what the stack costs above the same floor.
  const httpServerModule = path.join(dir, 'dist/shared/http/http-server.js');
  const bareShaped = await startBare('bare server (createHttpServer)', { HTTP_SERVER_MODULE: httpServerModule });
  const logFile = path.join(RESULTS, 'server.log');
  const server = await startServer(dir, redisPort, { logFile });
  const targets = {
    a: { label: 'bare Express GET /', url: bare.url, pid: bare.child.pid },
    a2: { label: 'bare Express, createHttpServer', url: bareShaped.url, pid: bareShaped.child.pid },
    b: {
      label: 'generated GET /api/v1/auth/me',
      url: `${server.base}/api/v1/auth/me`,
      headers: { authorization: `Bearer ${server.token}` },
      pid: server.child.pid,
    },
    c: { label: 'generated GET /health/live', url: `${server.base}/health/live`, pid: server.child.pid },
  };
  const rss = { before: rssMb(server.child.pid) };
  if (OPTS.warmup > 0) for (const target of Object.values(targets)) await load(target, OPTS.warmup);
  rss.afterWarmup = rssMb(server.child.pid);
  const samples = Object.fromEntries(Object.keys(targets).map((key) => [key, []]));
  for (let round = 1; round <= OPTS.rounds; round++) {
    for (const key of Object.keys(targets)) {
      process.stdout.write(`  round ${round}/${OPTS.rounds} ${key}: ${targets[key].label}… `);
      const sample = await load(targets[key], OPTS.duration);
      console.log(`${Math.round(sample.rps)} req/s, p99 ${sample.p99} ms`);
      samples[key].push(sample);
    }
  }
  rss.after = rssMb(server.child.pid);
  rss.bareAfter = median(samples.a.map((x) => x.rssMb)); // the memory baseline: bare Express right after its rounds
  // Growth is measured over the soak, once the heap has sized itself to the load: a leak grows, a warm heap not.
  let soak;
  if (OPTS.soak > 0) {
    process.stdout.write(`  soak: ${targets.b.label} for ${OPTS.soak} s… `);
    soak = await load(targets.b, OPTS.soak);
    rss.afterSoak = rssMb(server.child.pid);
    console.log(`${Math.round(soak.rps)} req/s, ${soak.errors} errors, ${soak.non2xx} non-2xx`);
  }
  const [from, to] = soak ? [rss.after, rss.afterSoak] : [rss.afterWarmup, rss.after];
  rss.growthPct = (100 * (to - from)) / from;
  await stop(server.child);
  await stop(bare.child);
  await stop(bareShaped.child);
  const http = {};
  for (const [key, target] of Object.entries(targets)) {
    const s = samples[key];
    http[key] = {
      label: target.label,
      rps: median(s.map((x) => x.rps)),
      p50: median(s.map((x) => x.p50)),
      p99: median(s.map((x) => x.p99)),
      cpuUsPerRequest: median(s.map((x) => x.cpuUsPerRequest)),
      errors: s.reduce((n, x) => n + x.errors, 0),
      non2xx: s.reduce((n, x) => n + x.non2xx, 0),
      requests: s.reduce((n, x) => n + x.requests, 0),
      rounds: s,
    };
  }
  return { http, rss, soak, serverLog: path.relative(ROOT, logFile) };
}

// ---------- 3b: traces, the protected route with tracing off, without the preload, and traced ----------
const PRELOAD = ['--require', './dist/telemetry.js'];

/** A local OTLP/HTTP endpoint: takes each export (http/protobuf, not decoded), answers an empty success. */
async function startOtlpSink() {
  const sink = { exports: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    req.on('data', (chunk) => (sink.bytes += chunk.length));
    req.on('end', () => {
      sink.exports += 1;
      res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { sink, url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The project BENCH_BASELINE_CLI generates, installed and built: the previous commit's server, for the traces part. */
async function prepareBaselineProject() {
  const dir = path.join(tmpRoot, 'baseline-app');
  console.log(`generating and installing the baseline project (BENCH_BASELINE_CLI) in ${dir}…`);
  await run(process.execPath, createArgs(dir, BASELINE_CLI), { cwd: tmpRoot });
  await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, timeoutMs: 600_000 });
  await run('npm', ['run', 'build'], { cwd: dir, timeoutMs: 300_000 });
  return dir;
}

async function benchTraces(dir, redisPort) {
  const flags = startFlags(dir);
  if (!flags.join(' ').includes(PRELOAD.join(' '))) fail(`npm start does not preload ${PRELOAD[1]}: ${flags.join(' ')}`);
  const otlp = await startOtlpSink();
  const logFile = (name) => path.join(RESULTS, `server-traces-${name}.log`);
  const variants = {
    // What npm start ran before the preload existed; with tracing off nothing else differs per request.
    before: { label: 'without the preload (before traces)', flags: flags.filter((flag) => !PRELOAD.includes(flag)) },
    ...(BASELINE_CLI && {
      previous: { label: 'the previous commit (BENCH_BASELINE_CLI), as its npm start', dir: await prepareBaselineProject() },
    }),
    off: { label: 'tracing off (npm start, no OTEL_ endpoint)' },
    metrics: { label: 'tracing off, metrics on (METRICS_PORT, as the Docker image)', env: { METRICS_PORT: String(await freePort()) } },
    on: {
      label: 'traced, 100 % sampled (OTLP http/protobuf to a local receiver)',
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url, OTEL_TRACES_SAMPLER: 'always_on', OTEL_SERVICE_NAME: 'bench' },
    },
  };
  const targets = {};
  for (const [key, variant] of Object.entries(variants)) {
    const at = variant.dir ?? dir;
    const server = await startServer(at, redisPort, { flags: startFlags(at), ...variant, logFile: logFile(key) });
    const headers = { authorization: `Bearer ${server.token}` };
    targets[key] = { label: variant.label, url: `${server.base}/api/v1/auth/me`, headers, pid: server.child.pid, child: server.child };
  }
  if (OPTS.warmup > 0) for (const { child, label, ...target } of Object.values(targets)) await load(target, OPTS.warmup);
  const samples = Object.fromEntries(Object.keys(targets).map((key) => [key, []]));
  for (let round = 1; round <= OPTS.rounds; round++) {
    for (const [key, { child, label, ...target }] of Object.entries(targets)) {
      process.stdout.write(`  round ${round}/${OPTS.rounds} ${key}: GET /api/v1/auth/me, ${label}… `);
      const sample = await load(target, OPTS.duration);
      console.log(`${Math.round(sample.rps)} req/s, ${Math.round(sample.cpuUsPerRequest)} µs CPU/req`);
      samples[key].push(sample);
    }
  }
  for (const { child } of Object.values(targets)) await stop(child); // the traced one flushes what it still holds
  await otlp.close();
  // Per round, then the median: the three ran back to back in each round.
  const perRound = (x, base, ratio) => median(samples[x].map((sample, i) => ratio(sample, samples[base][i])));
  const summary = (key) => ({
    label: targets[key].label,
    rps: median(samples[key].map((x) => x.rps)),
    p99: median(samples[key].map((x) => x.p99)),
    cpuUsPerRequest: median(samples[key].map((x) => x.cpuUsPerRequest)),
    errors: samples[key].reduce((n, x) => n + x.errors + x.non2xx, 0),
    rounds: samples[key],
  });
  return {
    ...Object.fromEntries(Object.keys(targets).map((key) => [key, summary(key)])),
    offVsBefore: { cpu: perRound('off', 'before', (x, y) => x.cpuUsPerRequest / y.cpuUsPerRequest), rps: perRound('off', 'before', (x, y) => x.rps / y.rps) },
    ...(targets.previous && {
      offVsPrevious: { cpu: perRound('off', 'previous', (x, y) => x.cpuUsPerRequest / y.cpuUsPerRequest), rps: perRound('off', 'previous', (x, y) => x.rps / y.rps) },
    }),
    metricsVsOff: { cpu: perRound('metrics', 'off', (x, y) => x.cpuUsPerRequest / y.cpuUsPerRequest), rps: perRound('metrics', 'off', (x, y) => x.rps / y.rps) },
    onVsOff: { cpu: perRound('on', 'off', (x, y) => x.cpuUsPerRequest / y.cpuUsPerRequest), rps: perRound('on', 'off', (x, y) => x.rps / y.rps) },
    exported: { ...otlp.sink, requests: samples.on.reduce((n, x) => n + x.requests, 0) },
  };
}

function tracesRows(t, rows, mark) {
  for (const key of ['previous', 'before', 'off', 'metrics', 'on']) {
    const x = t[key];
    if (x === undefined) continue;
    const bad = x.errors ? `${x.errors} errors/non-2xx` : '0 errors/non-2xx';
    rows.push([`GET /api/v1/auth/me, ${x.label}`, `${Math.round(x.rps)} req/s`, `p99 ${x.p99} ms, ${Math.round(x.cpuUsPerRequest)} µs CPU/req`, bad]);
  }
  const pct = (ratio) => `${ratio >= 1 ? '+' : ''}${(100 * (ratio - 1)).toFixed(1)} %`;
  rows.push(['  tracing off vs before: CPU per request', pct(t.offVsBefore.cpu), `throughput ${t.offVsBefore.rps.toFixed(2)}×, median of per-round ratios`, mark(GOALS.tracingOff, t.offVsBefore.cpu)]);
  if (t.offVsPrevious) rows.push(['  tracing off vs the previous commit: CPU per request', pct(t.offVsPrevious.cpu), `throughput ${t.offVsPrevious.rps.toFixed(2)}×, median of per-round ratios`, mark(GOALS.tracingOff, t.offVsPrevious.cpu)]);
  else rows.push(['  tracing off vs the previous commit', 'n/a', 'set BENCH_BASELINE_CLI to its packages/create-ddd-express (built)', '']);
  rows.push(['  metrics on vs off: CPU per request', pct(t.metricsVsOff.cpu), `throughput ${t.metricsVsOff.rps.toFixed(2)}×, median of per-round ratios`, '']);
  rows.push(['  traced vs off: CPU per request (overhead)', pct(t.onVsOff.cpu), `throughput ${t.onVsOff.rps.toFixed(2)}×, median of per-round ratios`, '']);
  rows.push(['  spans exported while traced', `${t.exported.exports} exports`, `${(t.exported.bytes / 1e6).toFixed(1)} MB for ${t.exported.requests} requests (and warm-up)`, t.exported.exports > 0 ? '' : 'nothing arrived FAIL']);
}

// ---------- the hashing bound: a burst of concurrent logins at the real scrypt cost ----------
const HASHING_VARIANTS = [
  ['bounded (defaults)', {}],
  ['unbounded (baseline)', { PASSWORD_HASH_CONCURRENCY: '1000', PASSWORD_HASH_QUEUE: '0' }],
];
/** A file the server reads from disk on each request (development's /docs): libuv's pool, which scrypt shares. */
const POOL_PROBE = '/docs/favicon-32x32.png';

async function benchHashing(dir, redisPort) {
  const results = {};
  for (const [index, [label, env]] of HASHING_VARIANTS.entries()) {
    const logFile = path.join(RESULTS, `server-hashing-${index}.log`);
    const server = await startServer(dir, redisPort, { logFile, env });
    const { pid } = server.child;
    const rssBefore = rssMb(pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 10);
    const began = Date.now();
    const logins = Array.from({ length: OPTS.hashLogins }, async () => {
      const response = await fetch(`${server.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(server.credentials),
        signal: AbortSignal.timeout(120_000),
      });
      await response.arrayBuffer();
      return { status: response.status, ms: Date.now() - began };
    });
    // While the logins run: how long a file read waits for a thread of the pool.
    const probes = [];
    let settled = false;
    const all = Promise.all(logins).finally(() => (settled = true));
    while (!settled) {
      const start = Date.now();
      const probe = await fetch(`${server.base}${POOL_PROBE}`);
      await probe.arrayBuffer();
      if (!probe.ok) fail(`GET ${POOL_PROBE} → ${probe.status}`);
      probes.push(Date.now() - start);
    }
    const answered = await all;
    clearInterval(sampler);
    const count = (status) => answered.filter((x) => x.status === status).length;
    const ok = answered.filter((x) => x.status === 200).map((x) => x.ms);
    results[label] = {
      logins: OPTS.hashLogins,
      ok: count(200),
      unavailable: count(503),
      other: answered.length - count(200) - count(503),
      seconds: (Date.now() - began) / 1000,
      lastOkSeconds: ok.length ? Math.max(...ok) / 1000 : undefined,
      rssBeforeMb: rssBefore,
      rssPeakMb: rssPeak,
      probeMedianMs: median(probes),
      probeMaxMs: Math.max(...probes),
      probes: probes.length,
    };
    const r = results[label];
    console.log(`  ${label}: ${r.ok} × 200, ${r.unavailable} × 503, ${r.other} other in ${r.seconds.toFixed(1)} s; RSS ${rssBefore.toFixed(0)} → peak ${rssPeak.toFixed(0)} MB; file read p50 ${r.probeMedianMs} ms, max ${r.probeMaxMs} ms`);
    await stop(server.child);
  }
  return results;
}

// ---------- the cache: database reads per 1,000 GET /<context>/:id, with and without it ----------
async function startMongoEmulator() {
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const child = start(python, [EMULATOR, '--port', '0'], { stdout: 'pipe' });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
  let address;
  await waitFor('MongoDB emulator (apt-get install python3-mongomock python3-bson)', child, async () => {
    address = /listening on (127\.0\.0\.1:\d+)/.exec(output)?.[1];
    return address !== undefined;
  });
  return { child, uri: `mongodb://${address}/bench` };
}

/** `find` commands the database has answered so far (serverStatus opcounters.query, as mongod reports it). */
async function databaseReads(client) {
  return (await client.db().admin().serverStatus()).opcounters.query;
}

/**
 * A copy of the installed project with one context read through the cache and one without it (a copy, so that
 * the HTTP figures above stay those of the project as created, comparable from run to run).
 */
async function prepareCacheProject(dir) {
  const copy = path.join(tmpRoot, 'cache-app');
  fs.cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  for (const [name, ...flags] of CACHE_CONTEXTS) {
    await run(process.execPath, [path.join(CLI, 'bin/ddd.js'), 'generate', 'domain', name, '--fields', FIELDS, ...flags], { cwd: copy });
  }
  await run('npm', ['run', 'build'], { cwd: copy, timeoutMs: 300_000 });
  return copy;
}

async function benchCache(installed, redisPort) {
  const dir = await prepareCacheProject(installed);
  const mongo = await startMongoEmulator();
  const { MongoClient } = require(require.resolve('mongodb', { paths: [dir] }));
  const counter = new MongoClient(mongo.uri);
  const server = await startServer(dir, redisPort, { logFile: path.join(RESULTS, 'server-cache.log'), env: { MONGODB_URI: mongo.uri } });
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const results = {};
  try {
    for (const [context, ...flags] of CACHE_CONTEXTS) {
      const created = await fetch(`${server.base}/api/v1/${context}`, { method: 'POST', headers, body: JSON.stringify(SAMPLE_RECORD) });
      if (created.status !== 201) fail(`POST /api/v1/${context} → ${created.status} ${await created.text()}`);
      const [record] = Object.values(await created.json());
      const url = `${server.base}/api/v1/${context}/${record.id}`;
      const before = await databaseReads(counter);
      for (let i = 0; i < CACHE_READS; i++) {
        const response = await fetch(url, { headers });
        if (!response.ok) fail(`GET ${url} → ${response.status}`);
        await response.arrayBuffer();
      }
      const reads = (await databaseReads(counter)) - before;
      const sample = await load({ url, headers, pid: server.child.pid }, Math.max(3, Math.round(OPTS.duration / 2)));
      results[context] = { cached: !flags.includes('--no-cache'), reads, hitRatio: 1 - reads / CACHE_READS, ...sample };
      console.log(`  ${context}${flags.length ? ` (${flags.join(' ')})` : ''}: ${reads} database reads per ${CACHE_READS} GETs, ${Math.round(sample.rps)} req/s`);
    }
  } finally {
    await counter.close();
    await stop(server.child);
    await stop(mongo.child);
  }
  return results;
}

// ---------- profile of target b ----------
async function profileB(dir, redisPort) {
  const profDir = path.join(RESULTS, 'profile');
  fs.rmSync(profDir, { recursive: true, force: true });
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${profDir}`];
  const server = await startServer(dir, redisPort, { nodeArgs, logFile: path.join(RESULTS, 'server-profile.log') });
  const headers = { authorization: `Bearer ${server.token}` };
  const fromUs = Number(process.hrtime.bigint() / 1000n); // same clock as the profile's timestamps
  const sample = await load({ url: `${server.base}/api/v1/auth/me`, headers }, OPTS.duration);
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await stop(server.child); // graceful exit writes the profile
  const file = fs.readdirSync(profDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) fail('no .cpuprofile written');
  const target = path.join(RESULTS, 'auth-me.cpuprofile');
  fs.renameSync(path.join(profDir, file), target);
  fs.rmSync(profDir, { recursive: true, force: true });
  const summary = profile.summarise(JSON.parse(fs.readFileSync(target, 'utf8')), { fromUs, toUs });
  return { file: path.relative(ROOT, target), rps: sample.rps, ...summary };
}

// ---------- report ----------
const hashingRows = (label, x) => [
  [`${x.logins} concurrent logins, ${label}`, `${x.ok} × 200, ${x.unavailable} × 503`, `${x.other} other; ${x.seconds.toFixed(1)} s`, ''],
  ['  server RSS during them', `peak ${x.rssPeakMb.toFixed(0)} MB`, `from ${x.rssBeforeMb.toFixed(0)} MB`, ''],
  ['  a file read meanwhile (libuv pool)', `p50 ${x.probeMedianMs} ms`, `max ${x.probeMaxMs} ms over ${x.probes} reads`, ''],
];

function report(r) {
  const mark = (goal, value) => (value === undefined ? '' : `${goal[0]} ${goal[1](value) ? 'PASS' : 'FAIL'}`);
  const s = (x) => `${x.toFixed(3)} s`;
  const cli = (x, goal) => {
    if (x.na) return [x.na, '', ''];
    if (x.error) return ['FAILED', x.error.slice(0, 60) + (x.error.length > 60 ? '…' : ''), 'FAIL'];
    return [s(x.median), `${s(x.min)} … ${s(x.max)}`, mark(goal, x.median)];
  };
  const rows = [];
  const baselineRows = (x) => {
    if (!x.baseline) return;
    rows.push(['  the same, BENCH_BASELINE_CLI', ...cli(x.baseline, ['', () => true]).slice(0, 2), '']);
    rows.push(['  ours / baseline', (x.median / x.baseline.median).toFixed(2), `median of per-round ratios ${perRunRatio(x, x.baseline).toFixed(2)}`, '']);
  };
  if (r.create) {
    rows.push(['create-ddd-express x (--no-install)', ...cli(r.create, GOALS.create)]);
    const { t3 } = r.create;
    if (t3?.error) rows.push(['create-t3-app', 'n/a', t3.error.slice(0, 60), '']);
    else if (t3 && !r.create.na && !r.create.error) {
      rows.push([`create-t3-app@${t3.version} x ${t3.flags}`, ...cli(t3, ['', () => true]).slice(0, 2), 'alternating with ours']);
      const ratio = r.create.median / t3.median;
      rows.push(['  create / create-t3-app', `${ratio.toFixed(2)}×`, `ratio of medians; median of per-round ratios ${perRunRatio(r.create, t3).toFixed(2)}×`, mark(GOALS.t3Ratio, ratio)]);
    }
    baselineRows(r.create);
  }
  if (r.generate) {
    rows.push(['ddd generate domain orders (7 fields)', ...cli(r.generate, GOALS.generate)]);
    baselineRows(r.generate);
  }
  if (r.upgrade?.error) rows.push(['ddd upgrade', 'FAILED', r.upgrade.error, 'FAIL']);
  else if (r.upgrade) {
    rows.push([`ddd upgrade (${UPGRADE_FROM} → these templates, 2 contexts)`, ...cli(r.upgrade.upgrade, GOALS.upgrade)]);
    const ratio = r.upgrade.upgrade.median / r.upgrade.current.median;
    rows.push(['  ddd upgrade, already current (baseline)', s(r.upgrade.current.median), `the upgrade takes ${ratio.toFixed(2)}× the no-op's time`, '']);
  }
  if (r.http) serverRows(r, rows, { mark, s });
  if (r.traces) tracesRows(r.traces, rows, mark);
  for (const [context, x] of Object.entries(r.cache ?? {})) {
    const what = `GET /${context}/:id ${x.cached ? 'through the cache' : 'without cache (--no-cache)'}`;
    rows.push([what, `${x.reads} DB reads / ${CACHE_READS}`, `hit ratio ${(100 * x.hitRatio).toFixed(1)} %; ${Math.round(x.rps)} req/s, ${Math.round(x.cpuUsPerRequest)} µs CPU/req (emulated MongoDB)`, '']);
  }
  for (const [label, x] of Object.entries(r.hashing ?? {})) rows.push(...hashingRows(label, x));
  for (const [cache, x] of Object.entries(r.test ?? {})) {
    const goal = cache === 'cold' ? GOALS.testCold : GOALS.testWarm;
    rows.push([`generated npm test, jest cache ${cache}`, x.ok ? s(x.seconds) : 'FAILED', x.ok ? '' : x.error.split('\n')[0], x.ok ? mark(goal, x.seconds) : 'FAIL']);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => String(row[i]).length)));
  const line = (row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join('  │ ').trimEnd();
  console.log(`\n${line(['measure', 'value', 'detail', 'goal'])}\n${widths.map((w) => '─'.repeat(w)).join('──┼─')}`);
  for (const row of rows) console.log(line(row));
  console.log(`\nCLI: ${OPTS.runs} runs each, alternating rounds, medians shown. Node ${process.version}, ${os.cpus().length} CPUs.`);
  if (r.traces) {
    console.log(`Traces: ${OPTS.connections} connections, ${OPTS.duration} s per run, ${OPTS.rounds} alternating rounds (before, off, on), medians shown.`);
  }
  if (!r.http) return;
  console.log(`HTTP: ${OPTS.connections} connections, ${OPTS.duration} s per run, ${OPTS.rounds} alternating rounds (a,a2,b,c,…), medians shown.`);
  console.log('The generated server ran WITHOUT MongoDB (none here): in-memory repositories; Redis: a bench-owned redis-server.');
  console.log(`Server logs: ${r.serverLog}.`);
  if (r.profile) {
    console.log(`\nProfile of b during the load only (${r.profile.file}, ${Math.round(r.profile.rps)} req/s under --cpu-prof):`);
    profile.print(r.profile);
  }
}

function serverRows(r, rows, { mark, s }) {
  const { a, a2, b, c } = r.http;
  for (const t of [a, a2, b, c]) {
    const bad = t.errors + t.non2xx;
    rows.push([t.label, `${Math.round(t.rps)} req/s`, `p50 ${t.p50} ms, p99 ${t.p99} ms, ${Math.round(t.cpuUsPerRequest)} µs CPU/req`, bad ? `${t.errors} errors, ${t.non2xx} non-2xx` : '0 errors/non-2xx']);
  }
  // Ratios are taken per round (a and b ran back to back) and then the median: steadier than a ratio of medians.
  const perRound = (t, base, ratio) => median(t.rounds.map((x, i) => ratio(x, base.rounds[i])));
  const ratioRows = (t, base, key, { throughputGoal = false, p99 = true } = {}) => {
    const rpsRatio = perRound(t, base, (x, y) => x.rps / y.rps);
    const cpuRatio = perRound(t, base, (x, y) => y.cpuUsPerRequest / x.cpuUsPerRequest);
    rows.push([`  ${key} throughput`, rpsRatio.toFixed(2), 'median of per-round ratios', throughputGoal ? mark(GOALS.rpsRatio, rpsRatio) : '']);
    rows.push([`  ${key} CPU per request`, cpuRatio.toFixed(2), 'baseline µs / generated µs, per round', '']);
    if (p99) rows.push([`  ${key} p99`, (t.p99 / base.p99).toFixed(2), `${t.p99} vs ${base.p99} ms`, mark(GOALS.p99Ratio, t.p99 / base.p99)]);
  };
  ratioRows(b, a, 'b/a', { throughputGoal: true });
  ratioRows(c, a, 'c/a');
  // Against bare Express served the same way: what helmet, logging, limits and authentication cost on their own.
  ratioRows(b, a2, 'b/a2', { p99: false });
  ratioRows(c, a2, 'c/a2', { p99: false });
  const { rss } = r;
  rows.push(['bare Express RSS after load', `${rss.bareAfter.toFixed(1)} MB`, 'right after each of its rounds, median (baseline)', '']);
  rows.push(['server RSS before load', `${rss.before.toFixed(1)} MB`, `after warm-up ${rss.afterWarmup.toFixed(1)} MB`, '']);
  const final = rss.afterSoak ?? rss.after;
  rows.push(['server RSS after load', `${final.toFixed(1)} MB`, `${(final / rss.bareAfter).toFixed(2)}× bare${r.soak ? `, after the ${OPTS.soak} s soak` : ''}`, mark(GOALS.rss, final)]);
  rows.push(['server RSS growth', `${rss.growthPct.toFixed(1)} %`, r.soak ? `during the soak (${rss.after.toFixed(1)} → ${final.toFixed(1)} MB)` : 'warm-up → after load', mark(GOALS.growth, rss.growthPct)]);
  if (r.soak) {
    const bad = r.soak.errors + r.soak.non2xx;
    rows.push([`soak: ${OPTS.connections} connections, ${OPTS.soak} s`, `${Math.round(r.soak.rps)} req/s`, `p99 ${r.soak.p99} ms`, bad ? `${r.soak.errors} errors, ${r.soak.non2xx} non-2xx FAIL` : '0 errors PASS']);
  }

}

/** `--hashing`: the project, Redis and the hashing load only. */
async function hashingOnly(result) {
  const { dir } = await prepareProject();
  const redisPort = await freePort();
  const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor('redis-server', redis, () => redisPing(redisPort));
  console.log(`hashing: ${OPTS.hashLogins} concurrent logins at the real cost, with and without the bound…`);
  result.hashing = await benchHashing(dir, redisPort);
  await stop(redis);
  fs.writeFileSync(path.join(RESULTS, 'hashing.json'), JSON.stringify(result, null, 2) + '\n');
  console.log('');
  for (const [label, x] of Object.entries(result.hashing)) {
    for (const row of hashingRows(label, x)) console.log(row.filter(Boolean).join('  │ '));
  }
  console.log(`\nNode ${process.version}, ${os.cpus().length} CPUs; wrote ${path.relative(ROOT, path.join(RESULTS, 'hashing.json'))}`);
}

async function main() {
  fs.mkdirSync(RESULTS, { recursive: true });
  if (!fs.existsSync(path.join(CLI, 'dist/create.js'))) fail('build the CLI first: npm run build -w create-ddd-express');
  const result = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, options: OPTS };
  result.commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (OPTS.hashingOnly) return hashingOnly(result);
  if (ONLY('create')) {
    console.log(`1/5 create-ddd-express and create-t3-app, alternating × ${OPTS.runs}…`);
    result.create = await benchCreate();
  }
  if (ONLY('generate')) {
    console.log(`2/5 ddd generate domain × ${OPTS.runs}…`);
    result.generate = await benchGenerate();
  }
  if (ONLY('upgrade')) {
    console.log(`2b/5 ddd upgrade × ${OPTS.runs}…`);
    result.upgrade = await benchUpgrade().catch((error) => ({ error: error.message.split('\n')[0] }));
  }
  if (['http', 'traces', 'hashing', 'cache', 'test'].some(ONLY)) await benchServer(result);
  fs.writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  report(result);
  console.log(`\nwrote ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))}`);
}

/** 3 to 6: the generated project installed and built, served, cached and tested. */
async function benchServer(result) {
  console.log('3/5 preparing the generated project…');
  const { dir } = await prepareProject();
  const redisPort = await freePort();
  const redis = start('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
  await waitFor('redis-server', redis, () => redisPing(redisPort));
  if (ONLY('http')) {
    console.log('4/5 HTTP (in-memory repositories: no MongoDB)…');
    Object.assign(result, await benchHttp(dir, redisPort));
  }
  if (ONLY('traces')) {
    console.log('4a/5 traces: the protected route without the preload, with tracing off, and traced at 100 %…');
    result.traces = await benchTraces(dir, redisPort);
  }
  if (ONLY('hashing')) {
    console.log(`4b/5 hashing: ${OPTS.hashLogins} concurrent logins at the real cost, with and without the bound…`);
    result.hashing = await benchHashing(dir, redisPort);
  }
  if (ONLY('cache')) {
    console.log('4c/5 the cache: GET by id with and without it, on the MongoDB emulator…');
    result.cache = await benchCache(dir, redisPort);
  }
  const env = childEnv({ REDIS_URL: `redis://127.0.0.1:${redisPort}`, CI: 'true' });
  if (ONLY('test')) console.log('5/5 npm test in the generated project: with a cold jest cache, then a warm one…');
  for (const cache of ONLY('test') ? ['cold', 'warm'] : []) {
    result.test ??= {};
    try {
      if (cache === 'cold') await run('npx', ['jest', '--clearCache'], { cwd: dir, env, timeoutMs: 60_000 });
      result.test[cache] = { ok: true, seconds: await run('npm', ['test'], { cwd: dir, env, timeoutMs: 300_000 }) };
    } catch (error) {
      result.test[cache] = { ok: false, error: error.message };
    }
  }
  if (OPTS.profile) {
    console.log('profiling b with --cpu-prof…');
    result.profile = await profileB(dir, redisPort);
  }
  await stop(redis);
}

main().catch((error) => fail(error.stack ?? String(error)));
