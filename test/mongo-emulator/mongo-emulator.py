"""An EMULATOR, not MongoDB: MongoDB's wire protocol in front of mongomock, so with mongomock's semantics.

It lets the generated projects' MongoDB adapter suites run where no mongod can be installed (sandboxes, offline
machines). It claims a standalone 7.0 server without auth, TLS, compression, transactions or change streams; a
passing suite here is a smoke test, not proof against a real server.
  /usr/bin/python3 test/mongo-emulator/mongo-emulator.py --port 0 [--verbose]
prints "mongo-emulator listening on 127.0.0.1:<port>" once ready. Needs Debian's python3-mongomock (and its bson).
"""
import argparse, datetime, itertools, json, signal, socketserver, struct, sys, threading, traceback

import bson
from bson.int64 import Int64
import mongomock
from mongomock import DuplicateKeyError, OperationFailure, WriteError, helpers
from mongomock.collection import Collection
from mongomock.filtering import filter_applies

OP_REPLY, OP_QUERY, OP_MSG = 1, 2004, 2013
MAX_WIRE_VERSION = 21  # MongoDB 7.0; driver 7 (mongoose 9) needs >= 9 (MIN_SUPPORTED_WIRE_VERSION)
store = mongomock.MongoClient()
lock = threading.Lock()  # mongomock is not thread-safe, and the driver opens several connections
log_lock = threading.Lock()
cursors, cursor_ids, connection_ids = {}, itertools.count(1), itertools.count(1)
VERBOSE = False


class CommandError(Exception):
    def __init__(self, code, code_name, errmsg, **extra):
        super().__init__(errmsg)
        self.reply = dict(ok=0.0, errmsg=errmsg, code=code, codeName=code_name, **extra)


def _ensure_uniques(self, new_data):
    """Replaces mongomock's check (same logic) so that its E11000 says which index and key, as mongod does:
    the app maps duplicates to fields through the error's keyValue."""
    for name, index in self._store.indexes.items():
        if not index.get('unique'):
            continue
        values = {}
        for key, _ in index['key']:
            try:
                values[key] = helpers.get_value_by_dot(new_data, key)
            except KeyError:
                values[key] = None
        if index.get('sparse') and all(v is None for v in values.values()):
            continue
        query = values if index.get('partialFilterExpression') is None else {
            '$and': [index['partialFilterExpression'], values]}
        if len(list(self._iter_documents(query))) > 1:  # new_data is already stored, so > 1 means a clash
            raise duplicate_key(self, name, dict(index['key']), values)


Collection._ensure_uniques = _ensure_uniques


def duplicate_key(coll, index_name, key_pattern, key_value):
    shown = ', '.join('%s: %s' % (k, json.dumps(v) if isinstance(v, str) else v) for k, v in key_value.items())
    errmsg = 'E11000 duplicate key error collection: %s index: %s dup key: { %s }' % (
        coll.full_name, index_name, shown)
    error = DuplicateKeyError(errmsg, 11000, {'keyPattern': key_pattern, 'keyValue': key_value})
    error.errmsg = errmsg  # pymongo's own message appends ", full error: {...}"
    return error


def dup_details(coll, error, doc):
    """keyPattern/keyValue of an E11000; mongomock's own _id clash carries none, so it is the _id_ index."""
    if getattr(error, 'details', None):
        return error
    return duplicate_key(coll, '_id_', {'_id': 1}, {'_id': (doc or {}).get('_id')})


def message(error):
    return getattr(error, 'errmsg', None) or str(error)


def write_error(coll, index, error, doc):
    if isinstance(error, DuplicateKeyError):
        error = dup_details(coll, error, doc)
        return dict(index=index, code=11000, errmsg=message(error), **error.details)
    return {'index': index, 'code': error.code or 2, 'errmsg': message(error)}


def log(line):
    with log_lock:  # one line at a time: connections run in threads
        sys.stderr.write('mongo-emulator: %s\n' % line)
        sys.stderr.flush()


def cursor_reply(ns, docs, batch_size=None, single_batch=False, first=True):
    size = 101 if batch_size is None and first else batch_size  # mongod's default first batch: 101 documents
    batch, rest = (docs, []) if single_batch or size is None else (docs[:size], docs[size:])
    cursor_id = 0
    if rest:
        cursor_id = next(cursor_ids)
        cursors[cursor_id] = (ns, rest)
    key = 'firstBatch' if first else 'nextBatch'
    return {'cursor': {key: batch, 'id': Int64(cursor_id), 'ns': ns}, 'ok': 1.0}


def projection(fields):
    return fields or None  # an empty projection means "everything" to mongod, "only _id" to mongomock


COMMANDS = {}


def command(*names):
    def register(fn):
        for name in names:
            COMMANDS[name] = fn  # exact names, as mongod looks them up
        return fn
    return register


@command('hello', 'isMaster', 'ismaster')
def hello(db, cmd):
    # No topologyVersion: the driver then polls instead of streaming awaitable hellos.
    return {'helloOk': True, 'isWritablePrimary': True, 'ismaster': True, 'maxBsonObjectSize': 16 * 1024 * 1024,
            'maxMessageSizeBytes': 48000000, 'maxWriteBatchSize': 100000, 'localTime': datetime.datetime.utcnow(),
            'logicalSessionTimeoutMinutes': 30, 'connectionId': next(connection_ids), 'minWireVersion': 0,
            'maxWireVersion': MAX_WIRE_VERSION, 'readOnly': False, 'ok': 1.0}


@command('ping', 'endSessions', 'getParameter', 'killAllSessions')
def trivial(db, cmd):
    return {'ok': 1.0}


# What mongod's serverStatus reports as opcounters: a benchmark counts database reads with it.
OPCOUNTER_OF = {'find': 'query', 'insert': 'insert', 'update': 'update', 'delete': 'delete', 'getMore': 'getmore'}
opcounters = dict.fromkeys(['insert', 'query', 'update', 'delete', 'getmore', 'command'], 0)


@command('serverStatus')
def server_status(db, cmd):
    return {'opcounters': dict(opcounters), 'ok': 1.0}


@command('buildInfo')
def build_info(db, cmd):
    return {'version': '7.0.0', 'versionArray': [7, 0, 0, 0], 'gitVersion': 'mongomock-emulator', 'bits': 64,
            'maxBsonObjectSize': 16 * 1024 * 1024, 'ok': 1.0}


@command('find')
def find(db, cmd):
    coll, limit = db[cmd['find']], cmd.get('limit', 0)
    docs = list(coll.find(cmd.get('filter') or {}, projection(cmd.get('projection')), skip=cmd.get('skip', 0),
                          limit=abs(limit), sort=list((cmd.get('sort') or {}).items()) or None))
    return cursor_reply(coll.full_name, docs, cmd.get('batchSize'), cmd.get('singleBatch') or limit < 0)


@command('getMore')
def get_more(db, cmd):
    if int(cmd['getMore']) not in cursors:
        raise CommandError(43, 'CursorNotFound', 'cursor id %d not found' % cmd['getMore'])
    ns, docs = cursors.pop(int(cmd['getMore']))
    return cursor_reply(ns, docs, cmd.get('batchSize'), first=False)


@command('killCursors')
def kill_cursors(db, cmd):
    ids = [c for c in cmd.get('cursors', []) if cursors.pop(int(c), None) is not None]
    return {'cursorsKilled': ids, 'cursorsNotFound': [c for c in cmd.get('cursors', []) if c not in ids],
            'cursorsAlive': [], 'cursorsUnknown': [], 'ok': 1.0}


@command('insert')
def insert(db, cmd):
    coll, n, errors = db[cmd['insert']], 0, []
    for i, doc in enumerate(cmd.get('documents', [])):
        try:
            coll.insert_one(doc)
            n += 1
        except WriteError as error:
            errors.append(write_error(coll, i, error, doc))
            if cmd.get('ordered', True):
                break
    return dict({'n': n, 'ok': 1.0}, **({'writeErrors': errors} if errors else {}))


def update_one(coll, q, u, upsert=False, multi=False, array_filters=None):
    if isinstance(u, list):
        raise CommandError(238, 'NotImplemented', 'mongo-emulator: pipeline updates are not supported (mongomock)')
    if not any(key.startswith('$') for key in u):
        return coll.replace_one(q, u, upsert=upsert)
    method = coll.update_many if multi else coll.update_one
    return method(q, u, upsert=upsert, array_filters=array_filters)


@command('update')
def update(db, cmd):
    coll, reply, errors, upserted = db[cmd['update']], {'n': 0, 'nModified': 0, 'ok': 1.0}, [], []
    for i, st in enumerate(cmd.get('updates', [])):
        try:
            r = update_one(coll, st['q'], st['u'], st.get('upsert', False), st.get('multi', False),
                           st.get('arrayFilters'))
            reply['n'] += r.matched_count + (r.upserted_id is not None)  # mongod's n counts an upsert
            reply['nModified'] += r.modified_count or 0
            if r.upserted_id is not None:
                upserted.append({'index': i, '_id': r.upserted_id})
        except WriteError as error:
            errors.append(write_error(coll, i, error, st['q']))
            if cmd.get('ordered', True):
                break
    reply.update(({'upserted': upserted} if upserted else {}), **({'writeErrors': errors} if errors else {}))
    return reply


@command('delete')
def delete(db, cmd):
    coll, n = db[cmd['delete']], 0
    for st in cmd.get('deletes', []):
        n += (coll.delete_one if st.get('limit') == 1 else coll.delete_many)(st['q']).deleted_count
    return {'n': n, 'ok': 1.0}


@command('findAndModify')
def find_and_modify(db, cmd):
    # By hand rather than mongomock's find_one_and_*, which give no lastErrorObject (upserted, updatedExisting)
    # and silently ignore arrayFilters (update_one passes them on, where mongomock refuses them loudly).
    coll, query, fields = db[cmd['findAndModify']], cmd.get('query') or {}, projection(cmd.get('fields'))
    sort = list((cmd.get('sort') or {}).items()) or None
    old = next(iter(coll.find(query, sort=sort, limit=1)), None)
    if cmd.get('remove'):
        if old is not None:
            coll.delete_one({'_id': old['_id']})
        value, last = old, {'n': int(old is not None)}
    elif old is None and not cmd.get('upsert'):
        value, last = None, {'n': 0, 'updatedExisting': False}
    else:
        try:
            r = update_one(coll, {'_id': old['_id']} if old else query, cmd['update'], upsert=old is None,
                           array_filters=cmd.get('arrayFilters'))
        except DuplicateKeyError as error:
            error = dup_details(coll, error, old or query)
            raise CommandError(11000, 'DuplicateKey', message(error), **error.details)
        doc_id = old['_id'] if old else r.upserted_id
        value = coll.find_one({'_id': doc_id}) if cmd.get('new') else old
        last = dict({'n': 1, 'updatedExisting': old is not None}, **({} if old else {'upserted': doc_id}))
    if value is not None and fields:
        value = coll._copy_only_fields(value, fields, dict)  # mongomock internal: its projection code
    return {'lastErrorObject': last, 'value': value, 'ok': 1.0}


@command('count')
def count(db, cmd):
    docs = db[cmd['count']].find(cmd.get('query') or {}, skip=cmd.get('skip', 0), limit=abs(cmd.get('limit', 0)))
    return {'n': len(list(docs)), 'ok': 1.0}


@command('aggregate')
def aggregate(db, cmd):
    if not isinstance(cmd['aggregate'], str):
        raise CommandError(238, 'NotImplemented', 'mongo-emulator: database-level aggregate is not supported')
    coll = db[cmd['aggregate']]
    docs = list(coll.aggregate(cmd.get('pipeline', [])))
    return cursor_reply(coll.full_name, docs, (cmd.get('cursor') or {}).get('batchSize'))


@command('distinct')
def distinct(db, cmd):
    return {'values': db[cmd['distinct']].distinct(cmd['key'], cmd.get('query') or {}), 'ok': 1.0}


def require_collection(db, name):
    if name not in db.list_collection_names():
        raise CommandError(26, 'NamespaceNotFound', 'ns does not exist: %s.%s' % (db.name, name))


@command('createIndexes')
def create_indexes(db, cmd):
    coll, created = db[cmd['createIndexes']], cmd['createIndexes'] not in db.list_collection_names()
    before = len(coll.index_information()) if not created else 1
    for spec in cmd.get('indexes', []):
        options = {k: v for k, v in spec.items() if k in ('name', 'unique', 'sparse', 'expireAfterSeconds',
                                                          'partialFilterExpression')}
        try:
            coll.create_index(list(spec['key'].items()), **options)
        except DuplicateKeyError:  # existing documents already break the new unique index
            raise CommandError(11000, 'DuplicateKey', 'E11000 duplicate key error collection: %s index: %s' % (
                coll.full_name, spec.get('name')))
    return {'createdCollectionAutomatically': created, 'numIndexesBefore': before,
            'numIndexesAfter': len(coll.index_information()), 'ok': 1.0}


@command('listIndexes')
def list_indexes(db, cmd):
    require_collection(db, cmd['listIndexes'])
    coll = db[cmd['listIndexes']]
    return cursor_reply(coll.full_name, list(coll.list_indexes()), single_batch=True)


@command('dropIndexes')
def drop_indexes(db, cmd):
    require_collection(db, cmd['dropIndexes'])
    coll, index = db[cmd['dropIndexes']], cmd.get('index')
    before = len(coll.index_information())
    if index == '*':
        coll.drop_indexes()
    else:
        for name in (index if isinstance(index, list) else [index]):
            name = name if isinstance(name, str) else helpers.gen_index_name(list(name.items()))
            if name not in coll.index_information():
                raise CommandError(27, 'IndexNotFound', 'index not found with name [%s]' % name)
            coll.drop_index(name)
    return {'nIndexesWas': before, 'ok': 1.0}


@command('listCollections')
def list_collections(db, cmd):
    infos = [{'name': name, 'type': 'collection', 'options': {}, 'info': {'readOnly': False},
              'idIndex': {'v': 2, 'key': {'_id': 1}, 'name': '_id_'}} for name in db.list_collection_names()]
    infos = [i for i in infos if filter_applies(cmd.get('filter') or {}, i)]
    if cmd.get('nameOnly'):
        infos = [{'name': i['name'], 'type': i['type']} for i in infos]
    return cursor_reply('%s.$cmd.listCollections' % db.name, infos, single_batch=True)


@command('create')
def create(db, cmd):
    if cmd['create'] in db.list_collection_names():
        raise CommandError(48, 'NamespaceExists', 'Collection %s.%s already exists.' % (db.name, cmd['create']))
    db.create_collection(cmd['create'])  # options (capped, validator, ...) are accepted and ignored
    return {'ok': 1.0}


@command('drop')
def drop(db, cmd):
    db.drop_collection(cmd['drop'])  # like mongod 7.0: dropping a missing collection is not an error
    return {'ok': 1.0}


@command('dropDatabase')
def drop_database(db, cmd):
    store.drop_database(db.name)
    return {'dropped': db.name, 'ok': 1.0}


@command('listDatabases')
def list_databases(db, cmd):
    names = store.list_database_names()
    return {'databases': [{'name': n, 'sizeOnDisk': 0, 'empty': False} for n in names], 'totalSize': 0, 'ok': 1.0}


def run(db_name, cmd, op='OP_MSG'):
    name = next(iter(cmd), '')
    if VERBOSE:
        log('%s %s.%s' % (op, db_name, name))
    opcounters[OPCOUNTER_OF.get(name, 'command')] += 1
    handler = COMMANDS.get(name)
    if handler is None:
        log('unsupported command %r' % name)
        return CommandError(59, 'CommandNotFound', "no such command: '%s'" % name).reply
    try:
        with lock:
            return handler(store[db_name], cmd)
    except CommandError as error:
        return error.reply
    except OperationFailure as error:  # mongomock's own refusals; it rarely says which code mongod would use
        code = error.code or 2
        return CommandError(code, {2: 'BadValue', 11000: 'DuplicateKey'}.get(code, 'OperationFailed'),
                            message(error)).reply
    except NotImplementedError as error:
        log('%s: %s' % (name, error))
        return CommandError(238, 'NotImplemented', 'mongo-emulator (mongomock): %s' % error).reply
    except Exception as error:  # a bug or gap here must not kill the connection
        log(traceback.format_exc())
        return CommandError(1, 'InternalError', 'mongo-emulator: %s: %r' % (name, error)).reply


def encode(reply):
    try:
        return bson.encode(reply)
    except Exception as error:  # e.g. a batch over 16 MB: answer with an error rather than drop the connection
        log('cannot encode the reply: %r' % error)
        return bson.encode(CommandError(10334, 'BSONObjectTooLarge', 'mongo-emulator: %r' % error).reply)


def cstring(data, at):
    end = data.index(b'\x00', at)
    return data[at:end].decode(), end + 1


class Handler(socketserver.StreamRequestHandler):
    def read(self, n):
        data = self.rfile.read(n)  # buffered: short only when the client has gone
        if len(data) < n:
            raise EOFError
        return data

    def handle(self):
        try:
            while True:
                length, request_id, _, op = struct.unpack('<iiii', self.read(16))
                self.answer(request_id, op, self.read(length - 16))
        except (EOFError, ConnectionError):
            pass

    def answer(self, request_id, op, data):
        if op == OP_MSG:
            flags, at, cmd, end = struct.unpack_from('<I', data)[0], 4, None, len(data) - (4 if data[0] & 1 else 0)
            while at < end:  # sections: kind 0 = the command, kind 1 = a document sequence (insert's documents...)
                kind, at = data[at], at + 1
                size = struct.unpack_from('<i', data, at)[0]
                if kind == 0:
                    cmd = bson.decode(data[at:at + size])
                else:
                    ident, start = cstring(data, at + 4)
                    cmd.setdefault(ident, []).extend(bson.decode_all(data[start:at + size]))
                at += size
            reply = run(cmd.get('$db', 'test'), cmd)
            if not flags & 2:  # moreToCome: an unacknowledged write (w: 0) wants no answer
                self.send(request_id, OP_MSG, struct.pack('<IB', 0, 0) + encode(reply))
        elif op == OP_QUERY:  # only the legacy handshake: {isMaster: 1} on admin.$cmd
            namespace, at = cstring(data, 4)
            size = struct.unpack_from('<i', data, at + 8)[0]
            reply = run(namespace.split('.')[0], bson.decode(data[at + 8:at + 8 + size]), 'OP_QUERY')
            self.send(request_id, OP_REPLY, struct.pack('<iqii', 0, 0, 0, 1) + encode(reply))
        else:
            log('unsupported opcode %d, closing the connection' % op)
            raise EOFError

    def send(self, response_to, op, body):
        self.wfile.write(struct.pack('<iiii', 16 + len(body), 0, response_to, op) + body)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = allow_reuse_address = True
    request_queue_size = 128  # Jest workers and the driver pools connect in bursts


def main():
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--port', type=int, default=27017, help='0 picks a free port')
    parser.add_argument('--verbose', action='store_true', help='log every command to stderr')
    args = parser.parse_args()
    VERBOSE = args.verbose
    server = Server(('127.0.0.1', args.port), Handler)

    def stop(signum, frame):
        raise SystemExit(0)  # interrupts serve_forever in the main thread; daemon threads die with the process
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print('mongo-emulator listening on 127.0.0.1:%d' % server.server_address[1], flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()


if __name__ == '__main__':
    main()
