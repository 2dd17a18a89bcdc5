/**
 * The SQLite state file's tables and every write statement: the store queues writes as
 * (statement, parameters) and its writer thread runs them, so the SQL lives only here.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { missingBesideItsLog, StateFileUnusable, stateFileError } from './state-file-error.ts';

/**
 * The alerts table's columns, named in its inserts: a table a later version has added a column
 * to (with a default) still takes this version's rows, so that version can be rolled back to
 * this one. (Which is why a new field of an alert goes in a table of its own, awaiting_resends:
 * an earlier version's inserts name no columns.)
 */
const ALERT_COLUMN_NAMES = ['id', 'fingerprint', 'labels', 'annotations', 'starts_at', 'ends_at', 'generator_url', 'updated_at', 'timeout'];
export const ALERT_COLUMNS = ALERT_COLUMN_NAMES.length;
/** Of the alerts table, and of staged_alerts, where a snapshot gathers them a slice at a time (see alert-snapshots.ts). */
const ALERT_TABLE = `(id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, labels TEXT NOT NULL, annotations TEXT NOT NULL,
  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, generator_url TEXT NOT NULL, updated_at INTEGER NOT NULL,
  timeout INTEGER NOT NULL DEFAULT 0)`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts ${ALERT_TABLE};
CREATE TABLE IF NOT EXISTS staged_alerts ${ALERT_TABLE};
CREATE TABLE IF NOT EXISTS awaiting_resends (fingerprint TEXT PRIMARY KEY, until INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ingest_log (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, created_at INTEGER NOT NULL, next_flush_at INTEGER NOT NULL, first_notified_at INTEGER);
CREATE TABLE IF NOT EXISTS notification_log (group_key TEXT NOT NULL, receiver TEXT NOT NULL, channel TEXT NOT NULL,
  firing TEXT NOT NULL, resolved TEXT NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (group_key, receiver, channel));
CREATE TABLE IF NOT EXISTS escalations (group_key TEXT PRIMARY KEY, policy TEXT NOT NULL, started_at INTEGER NOT NULL,
  run INTEGER NOT NULL, next_step INTEGER NOT NULL, told TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acks (group_key TEXT PRIMARY KEY, acked_by TEXT NOT NULL, acked_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, matchers TEXT NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,
  created_by TEXT NOT NULL, comment TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, group_key TEXT NOT NULL, receiver TEXT NOT NULL, channel TEXT NOT NULL,
  notification TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, last_error TEXT,
  told_before TEXT);
`;

/** The meta row holding the last ingest log entry the alerts table covers. */
export const INGEST_LOG_UP_TO = 'ingest-log-up-to';

export const WRITES = {
  deleteAlert: 'DELETE FROM alerts WHERE id = ?',
  deleteStagedAlert: 'DELETE FROM staged_alerts WHERE id = ?',
  clearStagedAlerts: 'DELETE FROM staged_alerts',
  /** The staged alerts in place of the stored ones. */
  unstageAlerts: `INSERT OR REPLACE INTO alerts (${ALERT_COLUMN_NAMES.join(', ')}) SELECT ${ALERT_COLUMN_NAMES.join(', ')} FROM staged_alerts`,
  // The ingest log is a file now (ingest-log.ts); state files from before may still hold rows.
  truncateIngest: 'DELETE FROM ingest_log WHERE id <= ?',
  putGroup: 'INSERT OR REPLACE INTO groups VALUES (?, ?, ?, ?)',
  deleteGroup: 'DELETE FROM groups WHERE key = ?',
  deleteGroupLog: 'DELETE FROM notification_log WHERE group_key = ?',
  deleteGroupEscalation: 'DELETE FROM escalations WHERE group_key = ?',
  deleteGroupAck: 'DELETE FROM acks WHERE group_key = ?',
  putLogEntry: 'INSERT OR REPLACE INTO notification_log VALUES (?, ?, ?, ?, ?, ?)',
  deleteLogEntry: 'DELETE FROM notification_log WHERE group_key = ? AND receiver = ? AND channel = ?',
  putEscalation: 'INSERT OR REPLACE INTO escalations VALUES (?, ?, ?, ?, ?, ?)',
  putAck: 'INSERT OR REPLACE INTO acks VALUES (?, ?, ?)',
  putSilence: 'INSERT OR REPLACE INTO silences VALUES (?, ?, ?, ?, ?, ?, ?)',
  deleteSilence: 'DELETE FROM silences WHERE id = ?',
  // An update keeps the entry's rowid (REPLACE would give it a new one): entries made at one instant
  // are read back in the order they were made, the order the running notifier holds them in.
  putOutbox: `INSERT INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET group_key = excluded.group_key,
    receiver = excluded.receiver, channel = excluded.channel, notification = excluded.notification, attempts = excluded.attempts,
    next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at, last_error = excluded.last_error, told_before = excluded.told_before`,
  deleteOutbox: 'DELETE FROM outbox WHERE id = ?',
  putMeta: 'INSERT OR REPLACE INTO meta VALUES (?, ?)',
  putAwaitingResend: 'INSERT OR REPLACE INTO awaiting_resends VALUES (?, ?)',
  deleteAwaitingResend: 'DELETE FROM awaiting_resends WHERE fingerprint = ?',
} as const;

export type WriteName = keyof typeof WRITES;

/** Alerts go in many rows a statement: each statement run costs more than the rows it binds. */
export const ALERT_ROWS_PER_STATEMENT = 100;

/** The statement staging `rows` alerts at once: alerts are written only through the stage. */
export function stagedAlertInsertSql(rows: number): string {
  const row = `(${Array(ALERT_COLUMNS).fill('?').join(', ')})`;
  return `INSERT OR REPLACE INTO staged_alerts (${ALERT_COLUMN_NAMES.join(', ')}) VALUES ${Array(rows).fill(row).join(', ')}`;
}

/**
 * Set on every connection. With synchronous=NORMAL a committed transaction survives the process
 * being killed (only a power cut may lose the last ones), which is the failure this store is for;
 * fsync on every commit would halve ingest. The reading connection and the writer's may meet:
 * they wait rather than fail.
 */
const CONNECTION_PRAGMAS = ['synchronous = NORMAL', 'busy_timeout = 5000'];

/**
 * Checkpoints (copying the WAL into the file, with an fsync) are where WAL mode syncs, and one
 * took a quarter of a second: run by the commit that crossed SQLite's threshold, it held every
 * request waiting on that commit. The writer turns them off for its commits and checkpoints itself
 * once it has been idle this long, or after this much written when it never is.
 */
export const WRITER_PRAGMAS = [...CONNECTION_PRAGMAS, 'wal_autocheckpoint = 0'];
export const CHECKPOINT_WHEN_IDLE_MS = 1000;
export const CHECKPOINT_AFTER_BYTES = 256 * 1024 * 1024;

/**
 * Opens (creating) the state file in WAL mode, with its tables. A file it cannot use (not a
 * database, damaged, a directory) throws a StateFileUnusable saying what to do.
 */
export function openStateFile(file: string): Db {
  let db: Db | undefined;
  // Deleted or moved without its write-ahead log: SQLite would make a new file and start empty
  // (silences, acknowledgements, steps taken all forgotten), or replay the stale log into it.
  if (file !== ':memory:' && !existsSync(file) && existsSync(`${file}-wal`)) throw new StateFileUnusable(`the state file ${file} ${missingBesideItsLog(file)}`);
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    for (const pragma of CONNECTION_PRAGMAS) db.pragma(pragma);
    db.exec(SCHEMA);
    // State files from before an outbox entry kept what its channel knew before it.
    addMissingColumn(db, 'outbox', 'told_before', 'TEXT');
    // And from before alerts kept whether their end came from resolve_timeout: each taken as its sender's.
    addMissingColumn(db, 'alerts', 'timeout', 'INTEGER NOT NULL DEFAULT 0');
    return db;
  } catch (error) {
    db?.close();
    throw stateFileError(file, error);
  }
}

/** Adds a column that a state file written before it lacks. */
function addMissingColumn(db: Db, table: string, column: string, definition: string): void {
  const columns = db.pragma(`table_info(${table})`) as { name: string }[];
  if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
}
