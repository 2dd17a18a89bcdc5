/**
 * The ingest log: each request's alerts as posted, appended to a file beside the state file before
 * the API answers, and kept until a snapshot of the alerts in the state file covers them.
 *
 * A plain file written from the event loop, not a table written by the store's writer thread: an
 * append is one write(2) into the page cache, which survives the process being killed as a
 * committed SQLite transaction does (a power cut may lose the last of either), and the answer then
 * waits for no thread. Through the writer, each request waited for a commit and its body was
 * copied to that thread: about a tenth of ingest's rate.
 *
 * The log is a run of segment files, `<state file>-ingest-<first id>.log`; a snapshot starts a new
 * one, and a segment goes once a committed snapshot covers all of it. Each entry is a header line,
 * `<id> <received at> <bytes>`, the body, and a newline. An entry cut short by the process dying
 * mid-write was never answered; reading stops there, and appends go to a new segment.
 */
import { closeSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync, writevSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IngestLogEntry } from './store.ts';

interface Segment {
  readonly file: string;
  readonly firstId: number;
  /** The id of its last whole entry (firstId - 1 while it has none). */
  lastId: number;
}

export class IngestLog {
  private readonly dir: string;
  private readonly prefix: string;
  /** Oldest first; the last is the one appended to, once `fd` is open. */
  private segments: Segment[] = [];
  private fd: number | undefined;
  private lastId = 0;

  /** `stateFile` ':memory:' keeps nothing, as the state file itself. */
  constructor(private readonly stateFile: string) {
    this.dir = dirname(stateFile);
    this.prefix = `${basename(stateFile)}-ingest-`;
  }

  /** At startup: the entries after `after`, in order; new entries are numbered after every one read. */
  read(after: number): IngestLogEntry[] {
    this.lastId = after;
    if (this.stateFile === ':memory:') return [];
    const entries: IngestLogEntry[] = [];
    const found = readdirSync(this.dir).flatMap((name) => {
      const firstId = name.startsWith(this.prefix) ? /^(\d+)\.log$/.exec(name.slice(this.prefix.length))?.[1] : undefined;
      return firstId === undefined ? [] : [{ file: join(this.dir, name), firstId: Number(firstId), lastId: Number(firstId) - 1 }];
    });
    for (const segment of found.sort((a, b) => a.firstId - b.firstId)) {
      for (const entry of readSegment(readFileSync(segment.file))) {
        segment.lastId = entry.id;
        if (entry.id > after) entries.push(entry);
      }
      this.lastId = Math.max(this.lastId, segment.lastId);
      // Only an entry cut short, never answered: it goes, so that no append ever reopens a file.
      if (segment.lastId < segment.firstId) unlinkSync(segment.file);
      else this.segments.push(segment);
    }
    return entries;
  }

  /** Appends one request's body; it is in the log (the page cache) when this returns. Returns its id. */
  append(receivedAt: number, payload: string | Uint8Array): number {
    const id = this.lastId + 1;
    if (this.stateFile !== ':memory:') {
      if (this.fd === undefined) {
        const file = join(this.dir, `${this.prefix}${id}.log`);
        // 'wx': never over a file already there, which only a log not read first could leave.
        this.fd = openSync(file, 'wx');
        this.segments.push({ file, firstId: id, lastId: id - 1 });
      }
      const segment = this.segments.at(-1)!;
      // The body as received, not copied into one buffer with the header: encoding and copying it
      // cost as much as the write.
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      const parts = [Buffer.from(`${id} ${receivedAt} ${body.length}\n`), body, NEWLINE];
      try {
        writeAll(this.fd, parts);
      } catch (error) {
        // Cut short (a full disk): reading stops at the cut, so what follows goes to a new segment.
        this.closeSegment();
        if (segment.lastId < segment.firstId) {
          unlinkSync(segment.file);
          this.segments.pop();
        }
        throw error;
      }
      segment.lastId = id;
    }
    this.lastId = id;
    return id;
  }

  /** A snapshot is being written: later entries go to a new segment, so this one can go whole. */
  rotate(): void {
    this.closeSegment();
  }

  /**
   * Deletes the segments a committed snapshot covers: all of whose entries are at most `upTo`. One
   * it cannot delete stays, to be tried again; a restart skips what it covers.
   */
  forget(upTo: number): void {
    const current = this.fd === undefined ? undefined : this.segments.at(-1);
    this.segments = this.segments.filter((segment) => {
      if (segment === current || segment.lastId > upTo) return true;
      try {
        unlinkSync(segment.file);
        return false;
      } catch {
        return true;
      }
    });
  }

  close(): void {
    this.closeSegment();
  }

  private closeSegment(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}

const NEWLINE = Buffer.from('\n');

/** One write(2) for all the parts; what a short write left goes after it. */
function writeAll(fd: number, parts: readonly Uint8Array[]): void {
  let written = writevSync(fd, parts);
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  if (written === total) return;
  const bytes = Buffer.concat(parts);
  while (written < total) written += writeSync(fd, bytes, written);
}

/** The whole entries of one segment, stopping at one cut short. */
function* readSegment(data: Buffer): Generator<IngestLogEntry> {
  let at = 0;
  while (at < data.length) {
    const headerEnd = data.indexOf(0x0a, at);
    if (headerEnd < 0) return;
    const [id, receivedAt, bytes] = data.toString('latin1', at, headerEnd).split(' ').map(Number);
    const end = headerEnd + 1 + bytes!;
    if (!Number.isSafeInteger(id) || !Number.isFinite(receivedAt) || !Number.isSafeInteger(bytes) || data[end] !== 0x0a) return;
    yield { id: id!, receivedAt: receivedAt!, payload: data.toString('utf8', headerEnd + 1, end) };
    at = end + 1;
  }
}
