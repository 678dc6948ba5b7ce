/**
 * Reusable pieces of the end-to-end tests: running commands with captured output, temporary directories, free
 * ports, a Redis server, starting the generated server and talking to it over real HTTP.
 * Every wait here is bounded; every child process started here can be killed with `killAllChildren()`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CLI_PACKAGE_DIR = path.join(REPO_ROOT, 'packages', 'create-ddd-express');
export const CLI_CREATE_BIN = path.join(CLI_PACKAGE_DIR, 'bin', 'create-ddd-express.js');
export const CLI_DDD_BIN = path.join(CLI_PACKAGE_DIR, 'bin', 'ddd.js');

export type Env = Record<string, string | undefined>;

// ---------------------------------------------------------------------------------------------------------------
// Logging: progress goes straight to stderr so that a long run shows where it is (Jest buffers console.*).

export function log(message: string): void {
  process.stderr.write(`[e2e] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Environment for child processes.

/**
 * The environment of this process without what the outer `npm test`/Jest put there (npm_* settings, NODE_ENV=test,
 * INIT_CWD…), which would leak into the generated project's own npm and Jest runs, and without REDIS_CLUSTER_NODES
 * (a server given it beside REDIS_URL refuses to start; the project's tests get it explicitly). `overrides` wins; an
 * `undefined` value removes the variable.
 */
export function childEnv(overrides: Env = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const dropped = ['INIT_CWD', 'NODE_ENV', 'JEST_WORKER_ID', 'NODE_OPTIONS', 'REDIS_CLUSTER_NODES'];
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || dropped.includes(key)) continue;
    env[key] = value;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

// ---------------------------------------------------------------------------------------------------------------
// Running commands.

export interface RunOptions {
  readonly cwd: string;
  /** Merged over `childEnv()`; `undefined` removes a variable. */
  readonly env?: Env;
  /** Killed (whole process group) after this long; the result then says so. Default 10 minutes. */
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly command: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout and stderr interleaved as they arrived. */
  readonly output: string;
  readonly ms: number;
  readonly timedOut: boolean;
}

const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own process group
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Kills every child process started by `run`/`startProcess` that is still alive (for afterAll hooks). */
export function killAllChildren(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
}

/** Runs `command args` with stdin closed (not a TTY), capturing its output; never rejects on a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const shown = [command, ...args].map((part) => (/[\s"']/.test(part) ? JSON.stringify(part) : part)).join(' ');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], {
      cwd: options.cwd,
      env: childEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    children.add(child);
    let stdout = '';
    let stderr = '';
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child, 'SIGKILL');
    }, options.timeoutMs ?? 600_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(new Error(`cannot run ${shown}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const ms = Date.now() - started;
      log(
        `$ ${shown}  (in ${options.cwd}) → ${timedOut ? 'TIMED OUT' : (signal ?? code)} in ${(ms / 1000).toFixed(1)}s`,
      );
      resolve({ command: shown, code, signal, stdout, stderr, output, ms, timedOut });
    });
  });
}

/** The last `lines` lines of `text`, for failure messages. */
export function tail(text: string, lines = 120): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`… (${all.length - lines} lines before)`, ...all.slice(-lines)] : all).join('\n');
}

/** Throws, with the command and the end of its output, unless it exited 0. */
export function assertSucceeded(result: RunResult): RunResult {
  if (result.code !== 0 || result.timedOut) {
    const how = result.timedOut ? 'timed out' : `exited with ${result.signal ?? result.code}`;
    throw new Error(`\`${result.command}\` ${how}:\n${tail(result.output)}`);
  }
  return result;
}

/** `run` + `assertSucceeded`. */
export async function runOk(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  return assertSucceeded(await run(command, args, options));
}

/** npm, as the user would type it. */
export function npm(args: readonly string[], options: RunOptions): Promise<RunResult> {
  return run('npm', args, options);
}

// ---------------------------------------------------------------------------------------------------------------
// Temporary directories (real paths: /tmp may be a symlink, and npm resolves file: specs from real paths).

export function makeTempDir(prefix: string): string {
  return realpathSync(mkdtempSync(path.join(tmpdir(), `${prefix}-`)));
}

/** Removes `dir` unless E2E_KEEP=1 (then says where it is, for a post-mortem). */
export function removeTempDir(dir: string | undefined): void {
  if (dir === undefined) return;
  if (process.env.E2E_KEEP === '1') {
    log(`kept ${dir} (E2E_KEEP=1)`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------------------------
// Ports and waiting.

/** A TCP port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` every `intervalMs` until it returns true; throws `describe()` after `timeoutMs`. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  { timeoutMs, intervalMs = 200, what }: { timeoutMs: number; intervalMs?: number; what: () => string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Long-running processes (servers).

export interface RunningProcess {
  readonly child: ChildProcess;
  /** Everything it printed so far (stdout and stderr interleaved). */
  output(): string;
  /** Whether it has exited. */
  exited(): boolean;
  /** Resolves with how it ended; rejects if that takes longer than `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` to it (not to its group: the process under test must handle it itself). */
  signal(signal: NodeJS.Signals): void;
  /** SIGKILL to its whole group, if still alive. */
  kill(): void;
}

export function startProcess(
  command: string,
  args: readonly string[],
  options: Omit<RunOptions, 'timeoutMs'>,
): RunningProcess {
  const child = spawn(command, [...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      output += `\n[spawn error] ${error.message}\n`;
      children.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => output,
    exited: hasExited,
    waitForExit: (timeoutMs) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`process ${command} did not exit within ${timeoutMs} ms; output:\n${tail(output)}`)),
          timeoutMs,
        );
      });
      return Promise.race([exit, timeout]).finally(() => clearTimeout(timer));
    },
    signal: (signal) => {
      if (!hasExited()) child.kill(signal);
    },
    kill: () => killGroup(child, 'SIGKILL'),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Redis.

export interface RedisHandle {
  readonly url: string;
  /** Stops the redis-server started for the tests; a no-op for one given through REDIS_URL. */
  stop(): Promise<void>;
}

function redisAddress(url: string): { host: string; port: number; password?: string; db?: number } {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: Number(parsed.port || 6379),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db === '' ? {} : { db: Number(db) }),
  };
}

function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

/**
 * Sends one command over RESP and returns the raw reply of the last one (enough for PING, DEL, EXISTS), so the
 * tests need no Redis client library. AUTH/SELECT come from the URL.
 */
export function redisCommand(url: string, args: readonly string[], timeoutMs = 2_000): Promise<string> {
  const { host, port, password, db } = redisAddress(url);
  const commands = [
    ...(password === undefined ? [] : [['AUTH', password]]),
    ...(db === undefined ? [] : [['SELECT', String(db)]]),
    args,
  ];
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`redis ${args[0]} at ${host}:${port} timed out`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(commands.map(encodeCommand).join('')));
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const lines = reply.split('\r\n').filter((line) => /^[+\-:$*]/.test(line));
      if (lines.length >= commands.length) {
        clearTimeout(timer);
        socket.end();
        const last = reply.trimEnd().split('\r\n').slice(-1)[0] ?? '';
        if (lines.some((line) => line.startsWith('-'))) reject(new Error(`redis replied ${reply.trim()}`));
        else resolve(last);
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function hasExecutable(name: string): boolean {
  return spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * The Redis the tests use: REDIS_URL when set (CI: `.ci/run` starts one), otherwise a throwaway redis-server on a
 * free port, otherwise a clear error.
 */
export async function ensureRedis(): Promise<RedisHandle> {
  const given = process.env.REDIS_URL?.trim();
  if (given) {
    await redisCommand(given, ['PING']).catch((error: Error) => {
      throw new Error(
        `REDIS_URL=${given} does not answer PING (${error.message}); start redis-server or unset REDIS_URL`,
      );
    });
    log(`using Redis at REDIS_URL=${given}`);
    return { url: given, stop: async () => undefined };
  }
  if (!hasExecutable('redis-server')) {
    throw new Error(
      'The end-to-end tests need Redis: REDIS_URL is not set and redis-server is not installed. ' +
        'Install it (apt-get install -y redis-server, brew install redis) or export REDIS_URL=redis://127.0.0.1:6379. ' +
        '.ci/run does both.',
    );
  }
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const server = startProcess(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { cwd: tmpdir() },
  );
  try {
    await waitUntil(async () => (await redisCommand(url, ['PING'], 500)) === '+PONG', {
      timeoutMs: 10_000,
      what: () => `redis-server on port ${port}; it said:\n${tail(server.output())}`,
    });
  } catch (error) {
    server.kill();
    throw error;
  }
  log(`started redis-server at ${url}`);
  return {
    url,
    stop: async () => {
      server.signal('SIGTERM');
      await server.waitForExit(5_000).catch(() => server.kill());
    },
  };
}

export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  readonly process: RunningProcess;
}

/**
 * A redis-server of a test's own on 127.0.0.1, so that its keys, and killing it, touch nothing else. It saves
 * nothing by itself, but a SAVE writes `dump.rdb` in `cwd`, which a restart there loads.
 */
export async function startOwnRedis(cwd: string, port?: number): Promise<OwnRedis> {
  const chosen = port ?? (await freePort());
  const url = `redis://127.0.0.1:${chosen}`;
  const server = startProcess(
    'redis-server',
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
    { cwd },
  );
  await waitUntil(async () => (await redisCommand(url, ['PING'], 500)) === '+PONG', {
    timeoutMs: 10_000,
    intervalMs: 50,
    what: () => `redis-server on port ${chosen}; it said:\n${tail(server.output())}`,
  }).catch((error: Error) => {
    server.kill();
    throw error;
  });
  return { url, port: chosen, process: server };
}

// ---------------------------------------------------------------------------------------------------------------
// The generated server.

export interface ServerHandle extends RunningProcess {
  readonly baseUrl: string;
  readonly port: number;
}

/**
 * Starts `node dist/main.js` (or node with `args`) in `projectDir` on a free port of 127.0.0.1; `env` adds
 * to/overrides the defaults. Each server keeps its embedded data in a folder of its own (under the git-ignored
 * `.data/`) unless `env` names one.
 */
export async function startServer(
  projectDir: string,
  env: Env = {},
  args: readonly string[] = ['dist/main.js'],
): Promise<ServerHandle> {
  const port = await freePort();
  const dataDir = path.join('.data', `e2e-server-${port}`);
  const processHandle = startProcess(process.execPath, args, {
    cwd: projectDir,
    env: { NODE_ENV: 'development', LOG_FORMAT: 'json', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env, PORT: String(port) },
  });
  return { ...processHandle, baseUrl: `http://127.0.0.1:${port}`, port };
}

/** Two instances of the project's built server on the same settings (one database, one Redis), both ready. */
export async function startTwoServers(projectDir: string, env: Env): Promise<[ServerHandle, ServerHandle]> {
  const servers = await Promise.all([startServer(projectDir, env), startServer(projectDir, env)]);
  await Promise.all(servers.map((server) => waitForReady(server)));
  return servers;
}

/** The last lines each server printed, to end a failure message with. */
export function outputsOf(servers: readonly ServerHandle[], lines = 30): string {
  return servers.map((server) => `\n--- output of ${server.baseUrl}:\n${tail(server.output(), lines)}`).join('');
}

/**
 * Waits until `/health/ready` answers 200 `ready` (every dependency up, not only serving); fails at once, with the
 * server's output, if it exits first.
 */
export async function waitForReady(server: ServerHandle, timeoutMs = 30_000): Promise<HttpResponse> {
  let last: HttpResponse | undefined;
  await waitUntil(
    async () => {
      if (server.exited()) throw new Error(`the server exited before it was ready:\n${tail(server.output())}`);
      last = await http(server.baseUrl, 'GET', '/health/ready');
      return last.status === 200 && last.body?.status === 'ready';
    },
    {
      timeoutMs,
      what: () =>
        `${server.baseUrl}/health/ready to answer 200 ready (last: ${last ? `${last.status} ${last.text}` : 'no answer'}); ` +
        `server output:\n${tail(server.output())}`,
    },
  ).catch((error: Error) => {
    if (server.exited()) throw new Error(`the server exited before it was ready:\n${tail(server.output())}`);
    throw error;
  });
  return last as HttpResponse;
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP.

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed body when it is JSON, else undefined. */
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Set-Cookie headers, one per cookie. */
  readonly setCookies: string[];
}

export interface RequestOptions {
  /** Sent as JSON. */
  readonly json?: unknown;
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Sent as the Cookie header (`name=value`). */
  readonly cookie?: string;
  readonly headers?: Record<string, string>;
  readonly timeoutMs?: number;
}

export async function http(
  baseUrl: string,
  method: string,
  route: string,
  options: RequestOptions = {},
): Promise<HttpResponse> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie !== undefined) headers.cookie = options.cookie;
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    headers: response.headers,
    text,
    body,
    setCookies: response.headers.getSetCookie(),
  };
}

/** `http` bound to one server. */
export function client(baseUrl: string) {
  return (method: string, route: string, options?: RequestOptions) => http(baseUrl, method, route, options);
}

export interface SetCookie {
  readonly name: string;
  readonly value: string;
  /** Attribute names lower-cased; flags (HttpOnly) map to ''. */
  readonly attributes: Readonly<Record<string, string>>;
  /** `name=value`, ready for a Cookie header. */
  readonly pair: string;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...parts] = header.split(';').map((part) => part.trim());
  const eq = pair.indexOf('=');
  const attributes: Record<string, string> = {};
  for (const part of parts) {
    const at = part.indexOf('=');
    if (at === -1) attributes[part.toLowerCase()] = '';
    else attributes[part.slice(0, at).toLowerCase()] = part.slice(at + 1);
  }
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes, pair };
}

/** The Set-Cookie of `name` in `response`; throws listing what was set when it is missing. */
export function cookieNamed(response: HttpResponse, name: string): SetCookie {
  const found = response.setCookies.map(parseSetCookie).find((cookie) => cookie.name === name);
  if (!found) throw new Error(`no ${name} cookie in the response (Set-Cookie: ${JSON.stringify(response.setCookies)})`);
  return found;
}

/** A short description of a response for assertion messages. */
export function describeResponse(response: HttpResponse): string {
  return `${response.status} ${response.text.slice(0, 500)}`;
}

/** Throws with the response body unless the status is `expected` (plain toBe would hide the body). */
export function expectStatus(response: HttpResponse, expected: number, what = 'response'): HttpResponse {
  if (response.status !== expected) throw new Error(`${what}: expected ${expected}, got ${describeResponse(response)}`);
  return response;
}

/** The last lines a server printed, to append to a failure message ('' when there is no server yet). */
export function serverOutputOf(server: ServerHandle | undefined): string {
  return server ? `\nserver output:\n${tail(server.output(), 60)}` : '';
}

/** expectStatus whose failure message ends with what the server printed. */
export function statusCheck(server: () => ServerHandle | undefined) {
  return (response: HttpResponse, status: number, what: string): HttpResponse => {
    try {
      return expectStatus(response, status, what);
    } catch (error) {
      throw new Error(`${(error as Error).message}${serverOutputOf(server())}`);
    }
  };
}

/** Registers `email` and logs in through the generated identity routes; returns the access token. */
export async function signUp(
  api: ReturnType<typeof client>,
  email: string,
  password = 'correct horse battery staple',
): Promise<string> {
  expectStatus(await api('POST', '/api/v1/auth/register', { json: { email, password } }), 201, `register ${email}`);
  const login = expectStatus(
    await api('POST', '/api/v1/auth/login', { json: { email, password } }),
    200,
    `login ${email}`,
  );
  return login.body.accessToken as string;
}
