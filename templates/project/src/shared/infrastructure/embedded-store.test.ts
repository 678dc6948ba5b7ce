import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataDirInUseError, EmbeddedStore, findOne, ownedKey, uniqueViolation } from './embedded-store';

interface Note {
  _id: string;
  text: string;
}

describe('EmbeddedStore', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'embedded-store-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps what was written for the next process, and compacts its file on close', async () => {
    const store = new EmbeddedStore(directory);
    const notes = await store.open<Note>('notes');
    await notes.insertAsync({ _id: 'n1', text: 'first' });
    await notes.updateAsync({ _id: 'n1' }, { _id: 'n1', text: 'second' }, {});
    await store.close();
    expect(readFileSync(path.join(directory, 'notes.db'), 'utf8').trim().split('\n')).toHaveLength(1);

    const reopened = await new EmbeddedStore(directory).open<Note>('notes');
    expect(await findOne(reopened, { _id: 'n1' })).toEqual({ _id: 'n1', text: 'second' });
    expect(await findOne(reopened, { _id: 'n2' })).toBeUndefined();
  });

  it('opens each collection once per process', async () => {
    const store = new EmbeddedStore(directory);
    const [first, second] = [store.open('notes'), store.open('notes')];
    expect(first).toBe(second);
    await first;
  });

  it('refuses to start on a file whose data breaks a unique index, naming the file', async () => {
    const file = path.join(directory, 'notes.db');
    appendFileSync(file, '{"_id":"a","text":"same"}\n{"_id":"b","text":"same"}\n');
    const store = new EmbeddedStore(directory);
    void store.open<Note>('notes', [{ fieldName: 'text', unique: true }]).catch(() => undefined);
    await expect(store.ready()).rejects.toThrow(`cannot open ${file}`);
  });

  it('is locked by one process at a time: refused while the holder runs, taken over once it is gone', async () => {
    const lockFile = path.join(directory, '.lock');
    // The process that runs this test's worker: certainly alive, and not this one.
    writeFileSync(lockFile, String(process.ppid));
    expect(() => new EmbeddedStore(directory).lock()).toThrow(DataDirInUseError);
    writeFileSync(lockFile, String(spawnSync(process.execPath, ['-e', '']).pid));
    const store = new EmbeddedStore(directory);
    store.lock();
    expect(readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await store.close();
    expect(existsSync(lockFile)).toBe(false);
  });
});

describe('unique keys', () => {
  it('pair the owner with the value, and leave absent values unindexed', () => {
    expect(ownedKey('u1', 'A')).not.toBe(ownedKey('u2', 'A'));
    expect(ownedKey('u1', new Date(0))).toBe('["u1","1970-01-01T00:00:00.000Z"]');
    expect(ownedKey('u1', undefined)).toBeUndefined();
  });

  it('recognise NeDB’s refusal and nothing else', () => {
    expect(uniqueViolation({ errorType: 'uniqueViolated', key: 'k' })).toEqual({ key: 'k' });
    expect(uniqueViolation(new Error('uniqueViolated'))).toBeUndefined();
  });
});
