import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import pino from 'pino';
import type { RepositoryAdapters } from '../infrastructure/database';
import { EmbeddedStore } from '../infrastructure/embedded-store';
import { connectMongo, ensureIndexes } from '../infrastructure/mongo';

/** The MongoDB suites' name: MONGODB_EMULATED=1 says MONGODB_URI is an emulator (create-ddd-express's own CI). */
export function mongoSuiteName(): string {
  return process.env.MONGODB_EMULATED === '1' ? 'MongoDB adapter (emulated MongoDB)' : 'MongoDB adapter';
}

export const MONGO_SKIP_REASON =
  'not run: MONGODB_URI is not set (the CI workflow sets it; locally: docker compose up -d mongo and export MONGODB_URI)';

/**
 * Runs one contract against every adapter of a repository port: the in-memory and the embedded adapter always,
 * the Mongoose adapter when MONGODB_URI is set (each run in a database of its own, dropped afterwards).
 */
export function describeRepositoryContract<R>(
  name: string,
  adapters: RepositoryAdapters<R>,
  contract: (repository: () => R) => void,
): void {
  describe(`${name} — in-memory adapter`, () => {
    let repository: R;
    beforeEach(() => {
      repository = adapters.memory();
    });
    contract(() => repository);
  });

  // Each call opens the files afresh, as a restart of `npm run dev` does: every step reads what the last one wrote.
  describe(`${name} — embedded adapter (NeDB, reopened at every step)`, () => {
    let directory: string;
    beforeEach(() => {
      directory = mkdtempSync(path.join(tmpdir(), 'embedded-contract-'));
    });
    afterEach(() => rmSync(directory, { recursive: true, force: true }));
    contract(() => adapters.embedded(new EmbeddedStore(directory)));
  });

  const uri = process.env.MONGODB_URI;
  describe(`${name} — ${mongoSuiteName()}`, () => {
    if (uri === undefined || uri === '') {
      it.skip(MONGO_SKIP_REASON, () => undefined);
      return;
    }
    let connection: Connection;
    let repository: R;
    beforeAll(async () => {
      connection = await connectMongo(uri, pino({ level: 'silent' }), {
        dbName: `contract_${randomUUID().slice(0, 8)}`,
      });
    });
    beforeEach(async () => {
      await connection.dropDatabase();
      repository = adapters.mongo(connection);
      // The same path as startup: every declared index is built before the first write.
      await ensureIndexes(connection);
    });
    afterAll(async () => {
      await connection.dropDatabase();
      await connection.close();
    });
    contract(() => repository);
  });
}
