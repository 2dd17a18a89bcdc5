/**
 * One notifier per state file. Two on the same file would each flush the groups and take the
 * escalation steps it holds, paging everyone twice. The lock is an exclusive SQLite lock on a
 * file beside the state (an fcntl lock underneath), so the kernel lets go of it when the process
 * dies, SIGKILL included: a restart never finds a stale lock.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { stateFileError } from './state-file-error.ts';

/** How long a notifier starting waits for one stopping on the same state file to let go. */
const WAIT_FOR_LOCK_MS = 2_000;

export class StateFileInUse extends Error {}

export interface StateLock {
  release(): void;
}

export function lockStateFile(stateFile: string): StateLock {
  const file = `${stateFile}-lock`;
  let db: Database.Database;
  try {
    mkdirSync(dirname(file), { recursive: true });
    db = new Database(file, { timeout: WAIT_FOR_LOCK_MS });
  } catch (error) {
    // Opening reads nothing yet: what fails here is the state file's folder, said as for the state file.
    throw stateFileError(stateFile, error);
  }
  try {
    // Held from here until the connection closes: EXCLUSIVE mode keeps the lock past the transaction.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    throw new StateFileInUse(`the state file ${stateFile} is in use by another notifier (it holds ${file}): run one notifier per state file, or give this one another --state`);
  }
  return { release: () => db.close() };
}
