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

port.on('message', /** @param {WriterRequest} request */ (request) => {
  /** @type {WriterReply} */
  let reply;
  if ('close' in request) {
    db.close();
    reply = { closed: true };
    port.postMessage(reply);
    port.close();
    return;
  }
  try {
    commit(request.writes);
    reply = { seq: request.seq };
  } catch (error) {
    reply = { seq: request.seq, error: String(error) };
  }
  port.postMessage(reply);
});
