/**
 * The default store: one SQLite file (better-sqlite3) in WAL mode, written by a thread of its own.
 * Writes are queued in order as they happen; whatever was queued while the writer was busy goes
 * to it as one batch, one transaction (group commit), and `committed()` tells when a write has
 * landed. Reads happen once, at startup, on this thread. The ingest log is a file of its own
 * (ingest-log.ts), appended to before the API answers ingest.
 *
 * Alerts are keyed by a row id the store hands out in order, not by their fingerprint: new alerts
 * then append to the table instead of landing on random pages, which made each commit rewrite
 * most of the table's B-tree and ingest five times slower.
 */
import { Worker } from 'node:worker_threads';
import type { Database as Db } from 'better-sqlite3';
import type { Alert } from '../model/alert.ts';
import { notificationJson } from '../notification-json.ts';
import type { NotificationLogEntry } from '../pipeline/dedup.ts';
import type { EscalationState } from '../pipeline/escalate.ts';
import type { Silence } from '../pipeline/silence.ts';
import { migrateFingerprints } from './fingerprint-migration.ts';
import { IngestLog } from './ingest-log.ts';
import { stateFileError } from './state-file-error.ts';
import {
  ALERT_COLUMNS,
  ALERT_ROWS_PER_STATEMENT,
  CHECKPOINT_AFTER_BYTES,
  CHECKPOINT_WHEN_IDLE_MS,
  INGEST_LOG_UP_TO,
  openStateFile,
  stagedAlertInsertSql,
  WRITER_PRAGMAS,
  WRITES,
  type WriteName,
} from './sqlite-schema.ts';
import type { AckRecord, GroupRecord, IngestLogEntry, NotifierState, NotifierStore, OutboxEntry } from './store.ts';

type Row = Record<string, unknown>;

/** One queued write for the writer thread (sqlite-writer.js): a statement and its parameters. */
export type Write = readonly [sql: string, params: readonly unknown[]];
export type WriterRequest = { readonly seq: number; readonly writes: readonly Write[] } | { readonly close: true };
export type WriterReply = { readonly seq: number; readonly error?: string } | { readonly closed: true };
export interface WriterData {
  readonly file: string;
  readonly pragmas: readonly string[];
  readonly checkpointWhenIdleMs: number;
  readonly checkpointAfterBytes: number;
}

interface Waiter {
  readonly seq: number;
  resolve(): void;
  reject(error: Error): void;
}

export class SqliteStore implements NotifierStore {
  private readonly db: Db;
  private readonly writer: Worker;
  private readonly alertRows = new Map<string, number>();
  /** The alerts with a row in awaiting_resends. */
  private readonly awaitingRows = new Set<string>();
  private lastAlertRow = 0;
  private readonly ingestLog: IngestLog;
  /** Multi-row alert inserts by row count, built once. */
  private readonly alertInserts = new Map<number, string>();
  /** Writes not yet handed to the writer. */
  private queued: Write[] = [];
  private postScheduled = false;
  /** The last batch handed to the writer, and the last it has answered for. */
  private posted = 0;
  private answered = 0;
  private waiters: Waiter[] = [];
  /** Set when the writer has died: every later commit fails with it. */
  private broken: Error | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly file: string) {
    this.db = openStateFile(file);
    this.ingestLog = new IngestLog(file);
    const data: WriterData = { file, pragmas: WRITER_PRAGMAS, checkpointWhenIdleMs: CHECKPOINT_WHEN_IDLE_MS, checkpointAfterBytes: CHECKPOINT_AFTER_BYTES };
    this.writer = new Worker(new URL('./sqlite-writer.js', import.meta.url), { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    this.writer.on('message', (reply: WriterReply) => this.answer(reply));
    this.writer.on('error', (error) => this.fail(new Error(`the state file's writer stopped: ${error.message}`)));
    this.writer.on('exit', (code) => {
      if (!this.closing) this.fail(new Error(`the state file's writer exited (code ${code})`));
    });
    // Idle, the writer must not keep the process alive; while a batch is out it is referenced.
    this.writer.unref();
  }

  private all(sql: string): Row[] {
    return this.db.prepare(sql).all() as Row[];
  }

  load(): NotifierState {
    try {
      const state = this.read();
      // A file that exists is opened read-only, and read, where nothing can be written (a
      // read-only mount): the notifier then said it was ready and took silences it could not
      // keep. One write says so at startup; after the reads, so a damaged file is not written.
      this.db.exec("INSERT OR REPLACE INTO meta VALUES ('writable', 'yes')");
      return state;
    } catch (error) {
      // Damage past the file's first pages shows only when its tables are read.
      throw stateFileError(this.file, error);
    }
  }

  private read(): NotifierState {
    const ingestLog = this.loadIngestLog();
    migrateFingerprints(this.db, ingestLog.map((entry) => entry.payload));
    const awaiting = new Map(this.all('SELECT * FROM awaiting_resends').map((r) => [r.fingerprint as string, r.until as number]));
    for (const fingerprint of awaiting.keys()) this.awaitingRows.add(fingerprint);
    return {
      alerts: this.all('SELECT * FROM alerts ORDER BY id').map((r) => {
        this.alertRows.set(r.fingerprint as string, r.id as number);
        this.lastAlertRow = r.id as number;
        return {
          fingerprint: r.fingerprint as string,
          labels: JSON.parse(r.labels as string),
          annotations: JSON.parse(r.annotations as string),
          startsAt: r.starts_at as number,
          endsAt: r.ends_at as number,
          timeout: r.timeout === 1,
          generatorURL: r.generator_url as string,
          updatedAt: r.updated_at as number,
          ...(awaiting.has(r.fingerprint as string) && { awaitingUntil: awaiting.get(r.fingerprint as string)! }),
        };
      }),
      ingestLog,
      groups: this.all('SELECT * FROM groups').map((r) => ({
        key: r.key as string,
        createdAt: r.created_at as number,
        nextFlushAt: r.next_flush_at as number,
        firstNotifiedAt: (r.first_notified_at as number | null) ?? undefined,
      })),
      notificationLog: this.all('SELECT * FROM notification_log').map((r) => ({
        groupKey: r.group_key as string,
        receiver: r.receiver as string,
        channel: String(r.channel),
        firing: JSON.parse(r.firing as string),
        resolved: JSON.parse(r.resolved as string),
        sentAt: r.sent_at as number,
      })),
      escalations: this.all('SELECT * FROM escalations').map((r) => ({
        groupKey: r.group_key as string,
        policy: r.policy as string,
        startedAt: r.started_at as number,
        run: r.run as number,
        nextStep: r.next_step as number,
        told: JSON.parse(r.told as string),
      })),
      acks: this.all('SELECT * FROM acks').map((r) => ({ groupKey: r.group_key as string, by: r.acked_by as string, at: r.acked_at as number })),
      silences: this.all('SELECT * FROM silences').map((r) => ({
        id: r.id as string,
        matchers: JSON.parse(r.matchers as string),
        startsAt: r.starts_at as number,
        endsAt: r.ends_at as number,
        createdBy: r.created_by as string,
        comment: r.comment as string,
        updatedAt: r.updated_at as number,
      })),
      outbox: this.all('SELECT * FROM outbox ORDER BY created_at, rowid').map((r) => {
        const [groupKey, receiver, channel] = [r.group_key as string, r.receiver as string, String(r.channel)];
        const toldBefore = r.told_before === null ? undefined : (JSON.parse(r.told_before as string) as Omit<NotificationLogEntry, 'groupKey' | 'receiver' | 'channel'> | null);
        return {
          id: r.id as string,
          groupKey,
          receiver,
          channel,
          notification: JSON.parse(r.notification as string),
          attempts: r.attempts as number,
          nextAttemptAt: r.next_attempt_at as number,
          createdAt: r.created_at as number,
          lastError: (r.last_error as string | null) ?? undefined,
          toldBefore: toldBefore && { groupKey, receiver, channel, ...toldBefore },
        };
      }),
    };
  }

  /**
   * The entries after the last snapshot: from the ingest_log table, where state files written
   * before the log became a file keep them, then from the log's files.
   */
  private loadIngestLog(): IngestLogEntry[] {
    const upTo = Number(this.meta(INGEST_LOG_UP_TO) ?? 0);
    const fromTable = this.all('SELECT * FROM ingest_log ORDER BY id').map((r) => ({ id: r.id as number, receivedAt: r.received_at as number, payload: r.payload as string }));
    return [...fromTable, ...this.ingestLog.read(Math.max(upTo, fromTable.at(-1)?.id ?? 0))];
  }

  /** Everything written before the current task yields goes to the writer as one batch, so `work` is atomic. */
  transaction<T>(work: () => T): T {
    return work();
  }

  private write(sql: string, params: readonly unknown[]): void {
    // The writer is gone: nothing queued would ever be written, and the queue would only grow.
    if (this.broken) return;
    this.queued.push([sql, params]);
    if (this.postScheduled || this.posted > this.answered) return;
    this.postScheduled = true;
    // After the current task, so that everything it writes travels in one batch.
    queueMicrotask(() => this.post());
  }

  private run(name: WriteName, ...params: unknown[]): void {
    this.write(WRITES[name], params);
  }

  private post(): void {
    this.postScheduled = false;
    if (this.queued.length === 0 || this.broken) return;
    const request: WriterRequest = { seq: ++this.posted, writes: this.queued };
    this.queued = [];
    this.writer.ref();
    this.writer.postMessage(request);
  }

  private answer(reply: WriterReply): void {
    if ('closed' in reply) return;
    this.answered = reply.seq;
    const error = reply.error === undefined ? undefined : new Error(`the state file refused a write: ${reply.error}`);
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.seq > reply.seq) this.waiters.push(waiter);
      else if (error && waiter.seq === reply.seq) waiter.reject(error);
      else waiter.resolve();
    }
    if (this.queued.length > 0) this.post();
    else this.writer.unref();
  }

  private fail(error: Error): void {
    this.broken = error;
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }

  /** Resolves when every write queued so far is committed; rejects if its batch failed. */
  committed(): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    const seq = this.posted + (this.queued.length > 0 ? 1 : 0);
    if (seq <= this.answered) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ seq, resolve, reject }));
  }

  appendIngest(receivedAt: number, payload: string | Uint8Array): number {
    if (this.broken) throw this.broken;
    return this.ingestLog.append(receivedAt, payload);
  }

  rotateIngest(): void {
    this.ingestLog.rotate();
  }

  truncateIngest(upTo: number): void {
    this.run('putMeta', INGEST_LOG_UP_TO, String(upTo));
    this.run('truncateIngest', upTo);
    // Once the snapshot is committed; until then a restart replays the files.
    this.committed().then(
      () => this.ingestLog.forget(upTo),
      () => {},
    );
  }

  stageAlerts(alerts: readonly Alert[]): void {
    const values: unknown[] = [];
    for (const a of alerts) {
      let row = this.alertRows.get(a.fingerprint);
      if (row === undefined) {
        row = ++this.lastAlertRow;
        this.alertRows.set(a.fingerprint, row);
      }
      values.push(row, a.fingerprint, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.startsAt, a.endsAt, a.generatorURL, a.updatedAt, a.timeout ? 1 : 0);
      if (a.awaitingUntil !== undefined) {
        this.run('putAwaitingResend', a.fingerprint, a.awaitingUntil);
        this.awaitingRows.add(a.fingerprint);
      } else if (this.awaitingRows.delete(a.fingerprint)) this.run('deleteAwaitingResend', a.fingerprint);
    }
    for (let start = 0; start < alerts.length; start += ALERT_ROWS_PER_STATEMENT) {
      const rows = Math.min(ALERT_ROWS_PER_STATEMENT, alerts.length - start);
      this.write(this.alertInsert(rows), values.slice(start * ALERT_COLUMNS, (start + rows) * ALERT_COLUMNS));
    }
  }

  commitStagedAlerts(): void {
    this.run('unstageAlerts');
    this.clearStagedAlerts();
  }

  clearStagedAlerts(): void {
    this.run('clearStagedAlerts');
  }

  private alertInsert(rows: number): string {
    let sql = this.alertInserts.get(rows);
    if (sql === undefined) {
      sql = stagedAlertInsertSql(rows);
      this.alertInserts.set(rows, sql);
    }
    return sql;
  }

  deleteAlerts(fingerprints: readonly string[]): void {
    for (const fp of fingerprints) {
      const row = this.alertRows.get(fp);
      if (row === undefined) continue;
      this.run('deleteAlert', row);
      // A snapshot under way may have staged it.
      this.run('deleteStagedAlert', row);
      this.alertRows.delete(fp);
      if (this.awaitingRows.delete(fp)) this.run('deleteAwaitingResend', fp);
    }
  }

  putGroup(g: GroupRecord): void {
    this.run('putGroup', g.key, g.createdAt, g.nextFlushAt, g.firstNotifiedAt ?? null);
  }

  deleteGroup(key: string): void {
    this.run('deleteGroup', key);
  }

  deleteGroupState(key: string): void {
    for (const name of ['deleteGroupLog', 'deleteGroupEscalation', 'deleteGroupAck'] as const) this.run(name, key);
  }

  putLogEntry(e: NotificationLogEntry): void {
    this.run('putLogEntry', e.groupKey, e.receiver, e.channel, JSON.stringify(e.firing), JSON.stringify(e.resolved), e.sentAt);
  }

  deleteLogEntry(e: NotificationLogEntry): void {
    this.run('deleteLogEntry', e.groupKey, e.receiver, e.channel);
  }

  putEscalation(s: EscalationState): void {
    this.run('putEscalation', s.groupKey, s.policy, s.startedAt, s.run, s.nextStep, JSON.stringify(s.told));
  }

  deleteEscalation(groupKey: string): void {
    this.run('deleteGroupEscalation', groupKey);
  }

  putAck(a: AckRecord): void {
    this.run('putAck', a.groupKey, a.by, a.at);
  }

  deleteAck(groupKey: string): void {
    this.run('deleteGroupAck', groupKey);
  }

  putSilence(s: Silence): void {
    this.run('putSilence', s.id, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.createdBy, s.comment, s.updatedAt);
  }

  deleteSilence(id: string): void {
    this.run('deleteSilence', id);
  }

  putOutbox(e: OutboxEntry): void {
    const before = e.toldBefore;
    const toldBefore = before === undefined ? null : before === null ? 'null' : JSON.stringify({ firing: before.firing, resolved: before.resolved, sentAt: before.sentAt });
    this.run('putOutbox', e.id, e.groupKey, e.receiver, e.channel, notificationJson(e.notification), e.attempts, e.nextAttemptAt, e.createdAt, e.lastError ?? null, toldBefore);
  }

  deleteOutbox(id: string): void {
    this.run('deleteOutbox', id);
  }

  secret(name: string, create: () => string): string {
    const stored = this.meta(name);
    if (stored !== undefined) return stored;
    const value = create();
    this.run('putMeta', name, value);
    return value;
  }

  private meta(name: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE name = ?').get(name) as { value: string } | undefined)?.value;
  }

  /** Commits what is queued, then stops the writer and closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.ingestLog.close();
      await this.committed().catch(() => {});
      if (!this.broken) {
        this.writer.ref();
        const closed = new Promise<void>((resolve) => this.writer.once('exit', () => resolve()));
        this.writer.postMessage({ close: true } satisfies WriterRequest);
        await closed;
      }
      this.db.close();
    })();
    return this.closing;
  }
}
