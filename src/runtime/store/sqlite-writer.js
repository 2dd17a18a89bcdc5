// @ts-check
/**
 * The SQLite store's writer thread: it runs each batch of queued writes as one transaction and
 * answers with the batch's number, so commits cost the event loop that serves the API nothing.
 *
 * JavaScript, checked by tsc (checkJs): a worker starts without the TypeScript loader the
 * notifier runs under, and registering one in it would cost a loader thread and 15 MiB. So it
 * imports no TypeScript, and is given the file, pragmas and statements it runs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/** @typedef {import('./sqlite-store.ts').WriterData} WriterData */
/** @typedef {import('./sqlite-store.ts').WriterRequest} WriterRequest */
/** @typedef {import('./sqlite-store.ts').WriterReply} WriterReply */
/** @typedef {import('./sqlite-store.ts').Write} Write */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
const data = /** @type {WriterData} */ (workerData);
const db = new Database(data.file);
for (const pragma of data.pragmas) db.pragma(pragma);

/** Prepared once each: the store sends the same few statements again and again. */
const statements = new Map();
/** @param {string} sql */
const statement = (sql) => {
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
};
const commit = db.transaction(/** @param {readonly Write[]} writes */ (writes) => {
  for (const [sql, params] of writes) statement(sql).run(params);
});

/** Text written since the last checkpoint, roughly what the WAL has grown by. */
let unchecked = 0;
/** @type {NodeJS.Timeout | undefined} */
let idle;
const checkpoint = () => {
  clearTimeout(idle);
  unchecked = 0;
  // PASSIVE: it never waits for a reader. One that cannot finish leaves the rest to the next.
  db.pragma('wal_checkpoint(PASSIVE)');
};
/** @param {readonly Write[]} writes */
const wrote = (writes) => {
  for (const [, params] of writes) for (const param of params) if (typeof param === 'string') unchecked += param.length;
  if (unchecked >= data.checkpointAfterBytes) return checkpoint();
  clearTimeout(idle);
  idle = setTimeout(checkpoint, data.checkpointWhenIdleMs);
};

port.on('message', /** @param {WriterRequest} request */ (request) => {
  if ('close' in request) {
    clearTimeout(idle);
    db.close();
    port.postMessage(/** @type {WriterReply} */ ({ closed: true }));
    port.close();
    return;
  }
  /** @type {WriterReply} */
  let reply;
  try {
    commit(request.writes);
    reply = { seq: request.seq };
  } catch (error) {
    reply = { seq: request.seq, error: String(error) };
  }
  port.postMessage(reply);
  // After the answer, so that a checkpoint it brings on holds up nobody waiting for this commit.
  if (reply.error === undefined) wrote(request.writes);
});
