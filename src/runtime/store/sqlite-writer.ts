/**
 * The SQLite store's writer thread: it runs each batch of queued writes as one transaction and
 * answers with the batch's number, so commits cost the event loop that serves the API nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Statement } from 'better-sqlite3';
import { openStateFile, writeSql } from './sqlite-schema.ts';

/** One queued write: a statement name of sqlite-schema.ts and its parameters. */
export type Write = readonly [name: string, params: readonly unknown[]];

export type WriterRequest = { readonly seq: number; readonly writes: readonly Write[] } | { readonly close: true };
export type WriterReply = { readonly seq: number; readonly error?: string } | { readonly closed: true };

export interface WriterData {
  readonly file: string;
}

const port = parentPort!;
const db = openStateFile((workerData as WriterData).file);
const statements = new Map<string, Statement>();
const statement = (name: string) => {
  let prepared = statements.get(name);
  if (!prepared) {
    prepared = db.prepare(writeSql(name));
    statements.set(name, prepared);
  }
  return prepared;
};
const commit = db.transaction((writes: readonly Write[]) => {
  for (const [name, params] of writes) statement(name).run(params);
});

port.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    db.close();
    port.postMessage({ closed: true } satisfies WriterReply);
    port.close();
    return;
  }
  try {
    commit(request.writes);
    port.postMessage({ seq: request.seq } satisfies WriterReply);
  } catch (error) {
    port.postMessage({ seq: request.seq, error: String(error) } satisfies WriterReply);
  }
});
