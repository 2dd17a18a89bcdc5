/**
 * A state file the notifier cannot use (not a database, damaged, a directory, not writable): said
 * in one message that names the file, what is wrong and what to do, for the CLI to print instead of
 * SQLite's stack trace. The file itself is never touched: only the user decides to give it up.
 */
import { statSync } from 'node:fs';
import { basename } from 'node:path';

export class StateFileUnusable extends Error {}

/** SQLite's primary result code of a better-sqlite3 error (`SQLITE_IOERR_SHORT_READ` is `SQLITE_IOERR`), or a Node error's code. */
function primaryCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  return /^SQLITE_[A-Z]+/.exec(code)?.[0] ?? code;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

const FORGOTTEN = 'the notifier then forgets its silences, acknowledgements, escalations in progress and notifications not yet delivered';

/**
 * What to do about a state file whose content is lost. The -wal file must go with it: SQLite would
 * replay a stale one into the fresh file.
 */
function startAfresh(file: string): string {
  const name = basename(file);
  return (
    `Restore it from a backup, or move it aside (with ${name}-wal and ${name}-shm beside it, if there) to start with empty state: ` +
    `${FORGOTTEN} (Prometheus sends the alerts still firing again). The file was left as it is.`
  );
}

/** A state file gone with its -wal left: what to do. */
export function missingBesideItsLog(file: string): string {
  const name = basename(file);
  return (
    `is missing, but its write-ahead log ${name}-wal is there: the file was deleted or moved without it. ` +
    `Put the file back, or move ${name}-wal and ${name}-shm aside to start with empty state: ${FORGOTTEN}.`
  );
}

/** What is wrong with the file and what to do, for the errors a user can act on; undefined for any other. */
function problem(file: string, error: Error, code: string): string | undefined {
  switch (code) {
    case 'SQLITE_NOTADB':
      return `is not a SQLite database (${error.message}). ${startAfresh(file)}`;
    case 'SQLITE_CORRUPT':
      return `is damaged (${error.message}). ${startAfresh(file)}`;
    case 'SQLITE_CANTOPEN':
    case 'EISDIR':
      if (isDirectory(file)) return 'is a directory, not a file. Give --state the path of a file (it is created if missing), or move the directory away.';
      return `cannot be opened (${error.message}): check that its folder exists and that the user running the notifier may create and write files in it.`;
    // mkdir's answers when a part of the path is a file (EEXIST if it is the folder itself).
    case 'ENOTDIR':
    case 'EEXIST':
      return `cannot be created: part of its path is a file, not a folder (${error.message}). Give --state a path inside a folder.`;
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `cannot be written (${error.message}): let the user running the notifier write it and its folder.`;
    default:
      return undefined;
  }
}

/** `error`, thrown opening or reading the state file `file`, as a StateFileUnusable if the user can act on it; otherwise `error` itself. */
export function stateFileError(file: string, error: unknown): unknown {
  const code = primaryCode(error);
  const text = code === undefined || !(error instanceof Error) ? undefined : problem(file, error, code);
  return text === undefined ? error : new StateFileUnusable(`the state file ${file} ${text}`, { cause: error });
}
