// FerretDB on SQLite: speaks the MongoDB wire protocol, so the hub's MongoDB
// driver talks to it unchanged, without a MongoDB server to install.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goToolBinary, installGoTool } from '../install.mjs';
import { httpOk, run, tcpExchange } from '../proc.mjs';

const MODULE = 'github.com/FerretDB/FerretDB';
const VERSION = 'v1.24.2';
const PKG = `${MODULE}/cmd/ferretdb`;

// Bump when patchSource changes, so every machine rebuilds.
const REVISION = '-hub5';
/** Makes an update of one document atomic against concurrent ones (see the patch's comment in update.go). */
const ATOMIC_UPDATES_PATCH = fileURLToPath(new URL('./ferretdb-atomic-updates.patch', import.meta.url));
/** Leaves leak tracking (a stack trace per iterator and transaction) to debug builds. */
const NO_LEAK_TRACKING_PATCH = fileURLToPath(new URL('./ferretdb-no-leak-tracking.patch', import.meta.url));
/** Looks up the _id condition of any filter (equality or `$in`) by the _id index. */
const ID_PUSHDOWN_PATCH = fileURLToPath(new URL('./ferretdb-id-pushdown.patch', import.meta.url));
/** Answers listDatabases with nameOnly without measuring every database. */
const LIST_DATABASE_NAMES_PATCH = fileURLToPath(new URL('./ferretdb-list-database-names.patch', import.meta.url));
const binary = (cfg) => goToolBinary(cfg, 'ferretdb', VERSION, PKG, REVISION);
const dbDir = (cfg) => path.join(cfg.dataDir, 'ferretdb');

export default {
  name: 'ferretdb',
  readyTimeoutMs: 30_000,
  ports: (cfg) => [cfg.ports.ferretdb, cfg.ports.ferretdbDebug],
  dataPaths: (cfg) => [dbDir(cfg)],
  logFiles: (cfg) => [path.join(cfg.logsDir, 'ferretdb.log')],
  binary: 'ferretdb',
  markers: (cfg) => [dbDir(cfg)],

  installed: (cfg) => fs.existsSync(binary(cfg)),

  install: (cfg, env, logFile) =>
    installGoTool({
      cfg, name: 'ferretdb', module: MODULE, version: VERSION, revision: REVISION, pkg: PKG, env, logFile,
      async patchSource(src) {
        // FerretDB panics at startup unless build/version/version.txt exists;
        // their release build generates it from git, the module source lacks it.
        fs.writeFileSync(path.join(src, 'build', 'version', 'version.txt'), `${VERSION}\n`);
        // 1.24.2 looks documents up by _id with the SQL expression ->'$._id', but
        // builds the unique _id index on ->"_id"; SQLite cannot match the two, so
        // every find, update and delete by _id scanned the whole table (21
        // updates/s at 2 000 documents). Using the index's own expression makes
        // those lookups use it (checked with EXPLAIN QUERY PLAN).
        const metadata = path.join(src, 'internal', 'backends', 'sqlite', 'metadata', 'metadata.go');
        const source = fs.readFileSync(metadata, 'utf8');
        const patched = source.replace(`IDColumn = DefaultColumn + "->'$._id'"`, 'IDColumn = DefaultColumn + `->"_id"`');
        if (patched === source) throw new Error('ferretdb: the _id index patch no longer applies to metadata.go');
        fs.writeFileSync(metadata, patched);
        // 1.24.2 applies an update by reading the document, changing it in memory and writing it back, with nothing
        // between the read and the write: two concurrent updates of one document lost one of them (240 of 500
        // concurrent $inc and $push on one document, measured). The patch writes only over the document as it was
        // read, and reads it again and reapplies the update when someone else changed it meanwhile. The ceiling keeps
        // git from taking a repository around the cache for the one to patch.
        // Its leak tracking takes a stack trace for every iterator, cursor and transaction even in release builds (8 %
        // of its CPU while the hub sends a newsletter, in pprof); the patch keeps it to debug builds.
        // It uses the _id index only for a filter that is exactly {_id: value}: `{_id: value, state: …}` and
        // `{_id: {$in: [...]}}` scanned the whole table (1 000 ids: 23 s). The patch narrows any filter by its _id
        // condition (and answers `_id: {$in: []}` with nothing, without a scan); FerretDB's handler still checks every
        // document found against the whole filter.
        // listDatabases measured the size of every database (dbstat reads each page) even for nameOnly: two seconds
        // of its CPU at 900 MB of data, for every test's clean-up that asks which databases it left.
        for (const patch of [ATOMIC_UPDATES_PATCH, NO_LEAK_TRACKING_PATCH, ID_PUSHDOWN_PATCH, LIST_DATABASE_NAMES_PATCH]) {
          await run('git', ['apply', '-p1', patch], { cwd: src, env: { ...process.env, GIT_CEILING_DIRECTORIES: path.dirname(src) } });
        }
      },
    }),

  async prepare(cfg, env) {
    fs.mkdirSync(dbDir(cfg), { recursive: true });
    return {
      cmd: binary(cfg),
      args: [
        '--handler=sqlite',
        // WAL with synchronous=NORMAL: a crashed process loses nothing, a power cut at most the last commits. The
        // default (FULL) fsyncs every commit, which made the disk, not the hub, the limit (about 15 messages/s).
        `--sqlite-url=file:${dbDir(cfg)}/?_pragma=synchronous(normal)${cfg.ferretdbSqliteParams ? `&${cfg.ferretdbSqliteParams}` : ''}`,
        `--listen-addr=127.0.0.1:${cfg.ports.ferretdb}`,
        `--debug-addr=127.0.0.1:${cfg.ports.ferretdbDebug}`,
        // '-' keeps the instance state (a random UUID) in memory: no state.json
        // next to the databases, and nothing for telemetry to report anyway.
        '--state-dir=-',
        '--telemetry=disable',
        '--log-level=warn',
      ],
      // Go collects garbage when the heap doubles by default: a tenth of FerretDB's CPU went to marking while the hub
      // sent a newsletter (pprof), for a heap of tens of MB. Letting it grow fourfold first costs memory the machine
      // has. A GOGC set for the stack wins.
      env: { GOGC: env.GOGC ?? '400' },
    };
  },

  async ready(cfg) {
    // readyz only says the listener is up; a real `ping` proves the SQLite
    // backend answers MongoDB commands.
    return (await httpOk(`http://127.0.0.1:${cfg.ports.ferretdbDebug}/debug/readyz`)) && mongoPing(cfg.ports.ferretdb);
  },
};

/** { ping: 1, $db: 'admin' } as an OP_MSG, checking the reply says ok: 1. */
async function mongoPing(port) {
  const doc = bson([
    [0x10, 'ping', int32(1)],
    [0x02, '$db', Buffer.concat([int32(6), Buffer.from('admin\0')])],
  ]);
  const OP_MSG = 2013;
  const header = Buffer.concat([int32(16 + 4 + 1 + doc.length), int32(1), int32(0), int32(OP_MSG)]);
  const request = Buffer.concat([header, int32(0) /* flags */, Buffer.from([0]) /* body section */, doc]);

  const reply = await tcpExchange(port, request, (buf) => buf.length >= 4 && buf.length >= buf.readInt32LE(0));
  if (!reply || reply.readInt32LE(12) !== OP_MSG) return false;
  // The reply document holds `ok` as a double (type 0x01).
  const at = reply.indexOf(Buffer.from('\x01ok\0', 'latin1'), 21);
  return at > 0 && reply.readDoubleLE(at + 4) === 1;
}

function int32(n) {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
}

function bson(elements) {
  const body = Buffer.concat(elements.map(([type, name, value]) => Buffer.concat([Buffer.from([type]), Buffer.from(`${name}\0`), value])));
  return Buffer.concat([int32(4 + body.length + 1), body, Buffer.from([0])]);
}
