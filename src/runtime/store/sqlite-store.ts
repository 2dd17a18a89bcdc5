/**
 * The default store: one SQLite file (better-sqlite3) in WAL mode. With synchronous=NORMAL a
 * committed transaction survives the process being killed (only a power cut may lose the last
 * ones), which is the failure this store is for; fsync on every commit would halve ingest.
 *
 * Alerts are keyed by a row id the store hands out in order, not by their fingerprint: new alerts
 * then append to the table instead of landing on random pages, which made each commit rewrite
 * most of the table's B-tree and ingest five times slower.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { Alert } from '../model/alert.ts';
import type { NotificationLogEntry } from '../pipeline/dedup.ts';
import type { EscalationState } from '../pipeline/escalate.ts';
import type { Silence } from '../pipeline/silence.ts';
import type { AckRecord, GroupRecord, NotifierState, NotifierStore, OutboxEntry } from './store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alerts (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, labels TEXT NOT NULL, annotations TEXT NOT NULL,
  starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, generator_url TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS groups (key TEXT PRIMARY KEY, created_at INTEGER NOT NULL, next_flush_at INTEGER NOT NULL, first_notified_at INTEGER);
CREATE TABLE IF NOT EXISTS notification_log (group_key TEXT NOT NULL, receiver TEXT NOT NULL, channel INTEGER NOT NULL,
  firing TEXT NOT NULL, resolved TEXT NOT NULL, sent_at INTEGER NOT NULL, PRIMARY KEY (group_key, receiver, channel));
CREATE TABLE IF NOT EXISTS escalations (group_key TEXT PRIMARY KEY, policy TEXT NOT NULL, started_at INTEGER NOT NULL,
  run INTEGER NOT NULL, next_step INTEGER NOT NULL, told TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS acks (group_key TEXT PRIMARY KEY, acked_by TEXT NOT NULL, acked_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS silences (id TEXT PRIMARY KEY, matchers TEXT NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,
  created_by TEXT NOT NULL, comment TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, group_key TEXT NOT NULL, receiver TEXT NOT NULL, channel INTEGER NOT NULL,
  notification TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, last_error TEXT);
`;

type Row = Record<string, unknown>;

const ALERT_COLUMNS = 8;
const ALERT_ROWS_PER_STATEMENT = 100;

export class SqliteStore implements NotifierStore {
  private readonly db: Db;
  private readonly statements: Record<string, Statement>;
  private readonly alertRows = new Map<string, number>();
  /** Multi-row inserts of alerts, by row count. */
  private readonly alertInserts = new Map<number, Statement>();
  private lastAlertRow = 0;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Checkpoints are where WAL mode syncs: fewer, larger ones keep ingest bursts fast.
    this.db.pragma('wal_autocheckpoint = 10000');
    this.db.exec(SCHEMA);
    const prepare = (sql: string) => this.db.prepare(sql);
    this.statements = {
      deleteAlert: prepare('DELETE FROM alerts WHERE id = ?'),
      putGroup: prepare('INSERT OR REPLACE INTO groups VALUES (?, ?, ?, ?)'),
      deleteGroup: prepare('DELETE FROM groups WHERE key = ?'),
      deleteGroupLog: prepare('DELETE FROM notification_log WHERE group_key = ?'),
      deleteGroupEscalation: prepare('DELETE FROM escalations WHERE group_key = ?'),
      deleteGroupAck: prepare('DELETE FROM acks WHERE group_key = ?'),
      putLogEntry: prepare('INSERT OR REPLACE INTO notification_log VALUES (?, ?, ?, ?, ?, ?)'),
      putEscalation: prepare('INSERT OR REPLACE INTO escalations VALUES (?, ?, ?, ?, ?, ?)'),
      putAck: prepare('INSERT OR REPLACE INTO acks VALUES (?, ?, ?)'),
      putSilence: prepare('INSERT OR REPLACE INTO silences VALUES (?, ?, ?, ?, ?, ?, ?)'),
      deleteSilence: prepare('DELETE FROM silences WHERE id = ?'),
      putOutbox: prepare('INSERT OR REPLACE INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      deleteOutbox: prepare('DELETE FROM outbox WHERE id = ?'),
      getMeta: prepare('SELECT value FROM meta WHERE name = ?'),
      putMeta: prepare('INSERT INTO meta VALUES (?, ?)'),
    };
  }

  private all(sql: string): Row[] {
    return this.db.prepare(sql).all() as Row[];
  }

  load(): NotifierState {
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
        generatorURL: r.generator_url as string,
        updatedAt: r.updated_at as number,
        };
      }),
      groups: this.all('SELECT * FROM groups').map((r) => ({
        key: r.key as string,
        createdAt: r.created_at as number,
        nextFlushAt: r.next_flush_at as number,
        firstNotifiedAt: (r.first_notified_at as number | null) ?? undefined,
      })),
      notificationLog: this.all('SELECT * FROM notification_log').map((r) => ({
        groupKey: r.group_key as string,
        receiver: r.receiver as string,
        channel: r.channel as number,
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
      outbox: this.all('SELECT * FROM outbox ORDER BY created_at, id').map((r) => ({
        id: r.id as string,
        groupKey: r.group_key as string,
        receiver: r.receiver as string,
        channel: r.channel as number,
        notification: JSON.parse(r.notification as string),
        attempts: r.attempts as number,
        nextAttemptAt: r.next_attempt_at as number,
        createdAt: r.created_at as number,
        lastError: (r.last_error as string | null) ?? undefined,
      })),
    };
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  putAlerts(alerts: readonly Alert[]): void {
    const values: unknown[] = [];
    for (const a of alerts) {
      let row = this.alertRows.get(a.fingerprint);
      if (row === undefined) {
        row = ++this.lastAlertRow;
        this.alertRows.set(a.fingerprint, row);
      }
      values.push(row, a.fingerprint, JSON.stringify(a.labels), JSON.stringify(a.annotations), a.startsAt, a.endsAt, a.generatorURL, a.updatedAt);
    }
    // Many rows a statement: each statement run costs more than the rows it binds.
    for (let start = 0; start < alerts.length; start += ALERT_ROWS_PER_STATEMENT) {
      const rows = Math.min(ALERT_ROWS_PER_STATEMENT, alerts.length - start);
      this.alertInsert(rows).run(values.slice(start * ALERT_COLUMNS, (start + rows) * ALERT_COLUMNS));
    }
  }

  private alertInsert(rows: number): Statement {
    let statement = this.alertInserts.get(rows);
    if (!statement) {
      const row = `(${Array(ALERT_COLUMNS).fill('?').join(', ')})`;
      statement = this.db.prepare(`INSERT OR REPLACE INTO alerts VALUES ${Array(rows).fill(row).join(', ')}`);
      this.alertInserts.set(rows, statement);
    }
    return statement;
  }

  deleteAlerts(fingerprints: readonly string[]): void {
    for (const fp of fingerprints) {
      const row = this.alertRows.get(fp);
      if (row === undefined) continue;
      this.statements.deleteAlert!.run(row);
      this.alertRows.delete(fp);
    }
  }

  putGroup(g: GroupRecord): void {
    this.statements.putGroup!.run(g.key, g.createdAt, g.nextFlushAt, g.firstNotifiedAt ?? null);
  }

  deleteGroup(key: string): void {
    for (const name of ['deleteGroup', 'deleteGroupLog', 'deleteGroupEscalation', 'deleteGroupAck']) this.statements[name]!.run(key);
  }

  putLogEntry(e: NotificationLogEntry): void {
    this.statements.putLogEntry!.run(e.groupKey, e.receiver, e.channel, JSON.stringify(e.firing), JSON.stringify(e.resolved), e.sentAt);
  }

  putEscalation(s: EscalationState): void {
    this.statements.putEscalation!.run(s.groupKey, s.policy, s.startedAt, s.run, s.nextStep, JSON.stringify(s.told));
  }

  putAck(a: AckRecord): void {
    this.statements.putAck!.run(a.groupKey, a.by, a.at);
  }

  putSilence(s: Silence): void {
    this.statements.putSilence!.run(s.id, JSON.stringify(s.matchers), s.startsAt, s.endsAt, s.createdBy, s.comment, s.updatedAt);
  }

  deleteSilence(id: string): void {
    this.statements.deleteSilence!.run(id);
  }

  putOutbox(e: OutboxEntry): void {
    this.statements.putOutbox!.run(e.id, e.groupKey, e.receiver, e.channel, JSON.stringify(e.notification), e.attempts, e.nextAttemptAt, e.createdAt, e.lastError ?? null);
  }

  deleteOutbox(id: string): void {
    this.statements.deleteOutbox!.run(id);
  }

  secret(name: string, create: () => string): string {
    const row = this.statements.getMeta!.get(name) as { value: string } | undefined;
    if (row) return row.value;
    const value = create();
    this.statements.putMeta!.run(name, value);
    return value;
  }

  close(): void {
    this.db.close();
  }
}
