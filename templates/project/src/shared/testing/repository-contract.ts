import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import pino from 'pino';
import { connectMongo, ensureIndexes } from '../infrastructure/mongo';

export interface RepositoryAdapters<R> {
  readonly memory: () => R;
  readonly mongo: (connection: Connection) => R;
}

const MONGO_SKIP_REASON =
  'not run: MONGODB_URI is not set (the CI workflow sets it; locally: docker compose up -d mongo and export MONGODB_URI)';

/**
 * Runs one contract against every adapter of a repository port: the in-memory adapter always, the Mongoose
 * adapter when MONGODB_URI is set (each run in a database of its own, dropped afterwards).
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

  const uri = process.env.MONGODB_URI;
  // MONGODB_EMULATED=1: MONGODB_URI is an emulator (create-ddd-express's own CI), so a pass says less; the name says so.
  const adapter = process.env.MONGODB_EMULATED === '1' ? 'MongoDB adapter (emulated MongoDB)' : 'MongoDB adapter';
  describe(`${name} — ${adapter}`, () => {
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
