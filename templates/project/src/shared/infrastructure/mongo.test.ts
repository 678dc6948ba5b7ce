import { randomUUID } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import mongoose, { Schema } from 'mongoose';
import pino from 'pino';
import { MONGO_SKIP_REASON, mongoSuiteName } from '../testing/repository-contract';
import { configureMongoose, connectionOptions, connectMongo, ensureIndexes, watchAvailability } from './mongo';

const silent = pino({ level: 'silent' });

function captureLogs(): { entries: { level: number; msg: string }[]; logger: pino.Logger } {
  const entries: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      entries.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      callback();
    },
  });
  return { entries, logger: pino({ level: 'info' }, stream) };
}

/** A port that accepts TCP connections but never answers: a server that hangs. */
async function silentPort(): Promise<{ port: number; close: () => void }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const close = () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
  return { port: address.port, close };
}

describe('connectMongo', () => {
  it('gives up on startup after its own short bound, with a message that says so', async () => {
    const { port, close } = await silentPort();
    try {
      const started = Date.now();
      await expect(connectMongo(`mongodb://127.0.0.1:${port}/app`, silent, { startupTimeoutMs: 300 })).rejects.toThrow(
        'no MongoDB server answered within 300 ms',
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      close();
    }
  });

  it('lets queries wait out a replica-set election (~12 s) and leaves index builds to startup', () => {
    const options = connectionOptions('app');
    expect(options.serverSelectionTimeoutMS).toBeGreaterThanOrEqual(12_000);
    expect(options.autoIndex).toBe(false);
    expect(options.dbName).toBe('app');
  });
});

describe('queries on paths the schema does not declare', () => {
  const connection = mongoose.createConnection();
  const Probe = connection.model('Probe', new Schema({ ownerId: String }));
  beforeAll(configureMongoose);
  afterAll(() => connection.close());

  it('are errors, not filters silently dropped into match-all', async () => {
    await expect(Probe.find({ ownerId: 'u1', ownerID: 'u2' }).exec()).rejects.toThrow(/ownerID.*not in schema/);
    await expect(Probe.deleteOne({ nope: 'x' }).exec()).rejects.toThrow(/nope.*not in schema/);
  });
});

describe('watchAvailability', () => {
  const description = (hasDataBearingServers: boolean) => ({ newDescription: { hasDataBearingServers, error: null } });

  it('logs one line when no server can serve data and one when one can again, whatever the topology', () => {
    const client = new EventEmitter();
    const { entries, logger } = captureLogs();
    watchAvailability(client, logger);
    client.emit('topologyDescriptionChanged', description(false)); // still connecting: startup speaks for itself
    client.emit('topologyDescriptionChanged', description(true));
    client.emit('topologyDescriptionChanged', description(false));
    client.emit('topologyDescriptionChanged', description(false));
    client.emit('topologyDescriptionChanged', description(true));
    expect(entries.map(({ level, msg }) => [level, msg])).toEqual([
      [50, 'MongoDB is unreachable: no server can serve data'],
      [30, 'MongoDB is reachable again'],
    ]);
  });

  it('says nothing when the application closes the connection itself', () => {
    const client = new EventEmitter();
    const { entries, logger } = captureLogs();
    watchAvailability(client, logger);
    client.emit('topologyDescriptionChanged', description(true));
    client.emit('topologyClosed');
    client.emit('topologyDescriptionChanged', description(false));
    expect(entries).toEqual([]);
  });
});

describe(`ensureIndexes — ${mongoSuiteName()}`, () => {
  const uri = process.env.MONGODB_URI;
  if (uri === undefined || uri === '') {
    it.skip(MONGO_SKIP_REASON, () => undefined);
    return;
  }

  it('stops at a unique index that existing duplicates make impossible, naming the collection and index', async () => {
    const connection = await connectMongo(uri, silent, { dbName: `indexes_${randomUUID().slice(0, 8)}` });
    try {
      const schema = new Schema<{ email: string }>(
        { email: { type: String, required: true, unique: true } },
        { collection: 'accounts' },
      );
      const model = connection.model('Account', schema);
      await model.collection.insertMany([{ email: 'same@example.com' }, { email: 'same@example.com' }]);
      await expect(ensureIndexes(connection)).rejects.toThrow(/cannot build the indexes of accounts: .*email_1/);
    } finally {
      await connection.dropDatabase();
      await connection.close();
    }
  });
});
