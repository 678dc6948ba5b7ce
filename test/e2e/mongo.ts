/**
 * The MongoDB the generated project's "— MongoDB adapter" suites run on: MONGODB_URI when set (a real server),
 * otherwise test/mongo-emulator (mongomock behind the wire protocol, on 127.0.0.1), and the suites then say
 * "emulated MongoDB" in their names. Neither available is an error, never a skip.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { log, REPO_ROOT, startProcess, tail, waitUntil } from './helpers';

export interface MongoHandle {
  readonly uri: string;
  readonly emulated: boolean;
  stop(): Promise<void>;
}

const EMULATOR = path.join(REPO_ROOT, 'test', 'mongo-emulator', 'mongo-emulator.py');
// Debian's python: python3-mongomock is installed for it, not for a pyenv or virtualenv python earlier on PATH.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

export async function ensureMongo(): Promise<MongoHandle> {
  const given = process.env.MONGODB_URI?.trim();
  if (given) {
    log(`using MongoDB at MONGODB_URI=${given}`);
    return { uri: given, emulated: false, stop: async () => undefined };
  }
  const emulator = startProcess(PYTHON, [EMULATOR, '--port', '0'], { cwd: tmpdir() });
  let address: string | undefined;
  try {
    await waitUntil(
      () => {
        address = /listening on (127\.0\.0\.1:\d+)/.exec(emulator.output())?.[1];
        if (address === undefined && emulator.exited()) throw new Error('exited');
        return Promise.resolve(address !== undefined);
      },
      {
        timeoutMs: 15_000,
        what: () =>
          `the MongoDB emulator (${PYTHON} ${EMULATOR}); it said:\n${tail(emulator.output())}\n` +
          'Install it with apt-get install -y python3-mongomock python3-bson (.ci/run does), or export MONGODB_URI.',
      },
    );
  } catch (error) {
    emulator.kill();
    throw error;
  }
  log(`started the MongoDB emulator at ${address}`);
  return {
    uri: `mongodb://${address}/e2e`,
    emulated: true,
    stop: async () => {
      emulator.signal('SIGTERM');
      await emulator.waitForExit(5_000).catch(() => emulator.kill());
    },
  };
}

/** The generated suites skip their MongoDB part without MONGODB_URI and say so; with it they must all run. */
export function assertMongoSuitesRan(output: string, mongo: MongoHandle, contexts: readonly string[]): void {
  const skipped = output.split('\n').filter((line) => /MONGODB_URI is not set/.test(line));
  if (skipped.length > 0) throw new Error(`MongoDB suites were skipped although MONGODB_URI was set:\n${skipped.join('\n')}`);
  const label = mongo.emulated ? '— MongoDB adapter (emulated MongoDB)' : '— MongoDB adapter';
  const ran = output.split('\n').filter((line) => line.includes(label));
  const missing = contexts.filter((context) => !ran.some((line) => line.includes(`${context}Repository ${label}`)));
  if (missing.length > 0) throw new Error(`no "${label}" suite for ${missing.join(', ')} in:\n${output}`);
  log(`MongoDB suites run${mongo.emulated ? ' on the emulator' : ''}: ${ran.map((line) => line.trim()).join('; ')}`);
}
