import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Datastore from '@seald-io/nedb';

export type IndexOptions = Datastore.EnsureIndexOptions;

/** Holds the pid of the process whose files these are. */
const LOCK_FILE = '.lock';

/** Another live process holds the directory: a second server, or the server while `npm run admin` runs. */
export class DataDirInUseError extends Error {
  constructor(directory: string, pid: number) {
    super(
      `${directory} is in use by process ${pid} (a running server?): its files belong to one process at a time, ` +
        'stop it and run this again',
    );
    this.name = 'DataDirInUseError';
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockHolder(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Development's database when MONGODB_URI is unset: one NeDB file per collection in `directory`, so accounts and
 * records survive the restarts of `npm run dev`. NeDB appends each change to its file and replays it on load.
 */
export class EmbeddedStore {
  private readonly collections = new Map<string, Promise<unknown>>();
  private lockFile: string | undefined;

  constructor(readonly directory: string) {}

  /**
   * Claims the directory for this process until `close`: NeDB keeps each file in memory and rewrites it on close,
   * so two processes on the same files would undo each other's writes. Throws DataDirInUseError while another
   * process that still runs holds it; a lock left behind by one that is gone is taken over.
   */
  lock(): void {
    mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, LOCK_FILE);
    const holder = lockHolder(file);
    if (holder !== undefined && holder !== process.pid && isRunning(holder)) {
      throw new DataDirInUseError(this.directory, holder);
    }
    writeFileSync(file, String(process.pid));
    this.lockFile = file;
  }

  /** One datastore per collection and process (two on one file would overwrite each other's changes). */
  open<T extends object>(name: string, indexes: readonly IndexOptions[] = []): Promise<Datastore<T>> {
    const opened = this.collections.get(name) ?? this.load<T>(name, indexes);
    this.collections.set(name, opened);
    return opened as Promise<Datastore<T>>;
  }

  /** Every collection opened so far is loaded and indexed; rejects naming the first that cannot be. */
  async ready(): Promise<void> {
    await Promise.all(this.collections.values());
  }

  /** Rewrites each file without the lines that later changes superseded, then gives back the lock. */
  async close(): Promise<void> {
    for (const opened of this.collections.values()) {
      await ((await opened) as Datastore).compactDatafileAsync();
    }
    if (this.lockFile !== undefined) rmSync(this.lockFile, { force: true });
  }

  private async load<T extends object>(name: string, indexes: readonly IndexOptions[]): Promise<Datastore<T>> {
    mkdirSync(this.directory, { recursive: true });
    const filename = path.join(this.directory, `${name}.db`);
    const collection = new Datastore<T>({ filename });
    try {
      await collection.loadDatabaseAsync();
      for (const index of indexes) await collection.ensureIndexAsync(index);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot open ${filename}: ${reason}`, { cause: error });
    }
    return collection;
  }
}

/** The document matching `query`, if any (NeDB's typings promise one, but it resolves null when none matches). */
export async function findOne<T extends object>(collection: Datastore<T>, query: object): Promise<T | undefined> {
  const found = (await collection.findOneAsync(query)) as T | null;
  return found ?? undefined;
}

/** The text a unique index compares: the owner and the value together, absent when the value is. */
export function ownedKey(ownerId: string, value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify([ownerId, value]);
}

/** NeDB's unique-index refusal: `key` is the value that was already taken. */
export function uniqueViolation(error: unknown): { readonly key: unknown } | undefined {
  const violated =
    typeof error === 'object' && error !== null && 'errorType' in error && error.errorType === 'uniqueViolated';
  return violated && 'key' in error ? { key: error.key } : undefined;
}
