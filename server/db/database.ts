// The four-function database wrapper (all, first, run, transaction) over node-sqlite3.
//
// node-sqlite3 runs every statement of one connection in arrival order, so a BEGIN … await … COMMIT
// would swallow statements from other requests that arrive in between (docs/architecture.md). Therefore:
// - every write and every transaction goes through one serialising queue on the writer connection;
// - reads use a second connection, which in WAL mode sees only committed data and never waits for
//   the writer. (An in-memory database has a single connection, so reads queue there too.)
import sqlite3 from 'sqlite3';
import fs from 'node:fs';
import path from 'node:path';

export type Param = string | number | bigint | null | Buffer;
export type Params = readonly Param[] | Record<string, Param>;

export interface RunResult {
  changes: number;
  lastID: number;
}

/** Statements usable inside a transaction (on the writer connection, already serialised). */
export interface Tx {
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  first<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  run(sql: string, params?: Params): Promise<RunResult>;
  exec(sql: string): Promise<void>;
}

export interface Db {
  readonly path: string;
  all<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T[]>;
  first<T = Record<string, unknown>>(sql: string, params?: Params): Promise<T | undefined>;
  /** A single write statement, queued behind any running transaction. */
  run(sql: string, params?: Params): Promise<RunResult>;
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT; rolls back if fn throws. Serialised with all writes. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn with exclusive use of the writer connection, without opening a transaction. */
  exclusive<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** The raw writer connection, for the online backup API. Use only inside exclusive(). */
  readonly writer: sqlite3.Database;
  close(): Promise<void>;
}

function open(file: string, mode: number): Promise<sqlite3.Database> {
  return new Promise((resolve, reject) => {
    const conn = new sqlite3.Database(file, mode, (err) => (err ? reject(err) : resolve(conn)));
  });
}

function statements(conn: sqlite3.Database): Tx {
  return {
    all: <T>(sql: string, params: Params = []) =>
      new Promise<T[]>((resolve, reject) =>
        conn.all(sql, params as never, (err: Error | null, rows: T[]) => (err ? reject(err) : resolve(rows))),
      ),
    first: <T>(sql: string, params: Params = []) =>
      new Promise<T | undefined>((resolve, reject) =>
        conn.get(sql, params as never, (err: Error | null, row: T) => (err ? reject(err) : resolve(row))),
      ),
    run: (sql: string, params: Params = []) =>
      new Promise<RunResult>((resolve, reject) =>
        conn.run(sql, params as never, function (this: sqlite3.RunResult, err: Error | null) {
          if (err) reject(err);
          else resolve({ changes: this.changes, lastID: this.lastID });
        }),
      ),
    exec: (sql: string) => new Promise<void>((resolve, reject) => conn.exec(sql, (err) => (err ? reject(err) : resolve()))),
  };
}

/** A FIFO mutex: each task starts when the previous one has settled. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  push<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

// synchronous=FULL: a response is acknowledged (303) only after its commit is on disk, so not even a
// power cut loses an answer the participant was told was saved. Group commit (survey/submissions.ts)
// shares each fsync between concurrent submissions, which keeps this affordable.
const PRAGMAS = [
  'PRAGMA journal_mode = WAL',
  'PRAGMA busy_timeout = 5000',
  'PRAGMA foreign_keys = ON',
  'PRAGMA synchronous = FULL',
  // Responses have random keys (docs/security.md), so each insert touches a leaf page anywhere in
  // its B-tree; a larger page cache (32 MiB instead of 2 MiB) keeps those pages in memory.
  'PRAGMA cache_size = -32768',
  // … and a checkpoint every 10 000 pages (about 40 MB of WAL) instead of 1 000, so a page changed by
  // several commits is copied back to the database once, not once per checkpoint.
  'PRAGMA wal_autocheckpoint = 10000',
  // Deleted rows are overwritten with zeros, so purged answers and undone imports cannot be read
  // back from free pages (see ops/erase.ts for the WAL and VACUUM part, docs/security.md).
  'PRAGMA secure_delete = ON',
];

export async function openDatabase(file: string): Promise<Db> {
  const memory = file === ':memory:';
  // A new data folder is readable by the service's own user only.
  if (!memory) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true, mode: 0o700 });
  const writerConn = await open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE | sqlite3.OPEN_FULLMUTEX);
  const writer = statements(writerConn);
  for (const p of PRAGMAS) await writer.exec(p);
  if (!memory) {
    // The database file may only be read by its owner: it holds answers and participant follow-up.
    try {
      // Only take rights away: a file the operator made read-only must stay so (startupCheck.ts reports it).
      fs.chmodSync(file, fs.statSync(file).mode & 0o600);
    } catch {
      /* not fatal: an operator may have set stricter permissions or another owner */
    }
  }
  let readerConn = writerConn;
  if (!memory) {
    readerConn = await open(file, sqlite3.OPEN_READONLY | sqlite3.OPEN_FULLMUTEX);
    const r = statements(readerConn);
    await r.exec('PRAGMA busy_timeout = 5000');
    await r.exec('PRAGMA secure_delete = ON');
  }
  const reader = statements(readerConn);
  const queue = new SerialQueue();

  const read = memory
    ? {
        all: <T>(sql: string, params?: Params) => queue.push(() => reader.all<T>(sql, params)),
        first: <T>(sql: string, params?: Params) => queue.push(() => reader.first<T>(sql, params)),
      }
    : reader;

  return {
    path: file,
    writer: writerConn,
    all: read.all,
    first: read.first,
    run: (sql, params) => queue.push(() => writer.run(sql, params)),
    exclusive: (fn) => queue.push(() => fn(writer)),
    transaction: (fn) =>
      queue.push(async () => {
        await writer.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(writer);
          await writer.exec('COMMIT');
          return result;
        } catch (err) {
          await writer.exec('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    close: () =>
      queue.push(async () => {
        const closeConn = (c: sqlite3.Database) =>
          new Promise<void>((resolve, reject) => c.close((err) => (err ? reject(err) : resolve())));
        if (readerConn !== writerConn) await closeConn(readerConn);
        await closeConn(writerConn);
      }),
  };
}
