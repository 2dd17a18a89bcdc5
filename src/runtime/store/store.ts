/**
 * Everything the notifier must not forget across a restart, behind one interface: the pipeline
 * writes through it and reads it back only at startup, so another store (a shared PostgreSQL for
 * several replicas) can be added without touching the pipeline.
 */
import type { ChannelId } from '../config/channel-ids.ts';
import type { Alert } from '../model/alert.ts';
import type { Notification } from '../notification.ts';
import type { NotificationLogEntry } from '../pipeline/dedup.ts';
import type { EscalationState } from '../pipeline/escalate.ts';
import type { Silence } from '../pipeline/silence.ts';

/** A group's timing; its labels and target follow from its alerts and the routing. */
export interface GroupRecord {
  readonly key: string;
  readonly createdAt: number;
  /** When its next flush is due. */
  readonly nextFlushAt: number;
  readonly firstNotifiedAt: number | undefined;
}

export interface AckRecord {
  readonly groupKey: string;
  readonly by: string;
  readonly at: number;
}

/** A notification for one channel of one receiver, kept until that channel has it. */
export interface OutboxEntry {
  readonly id: string;
  readonly groupKey: string;
  readonly receiver: string;
  readonly channel: ChannelId;
  readonly notification: Notification;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  readonly lastError: string | undefined;
  /**
   * The channel's notification log entry before this message: what it knows once every earlier
   * message got through; null when it was told nothing; undefined when unknown (a state file from
   * before), and then the message is never superseded.
   */
  readonly toldBefore: NotificationLogEntry | null | undefined;
}

/** One request's alerts as posted, kept until a snapshot of the alerts has caught up with it. */
export interface IngestLogEntry {
  readonly id: number;
  readonly receivedAt: number;
  /** The body as posted: Alertmanager's postable alerts JSON. */
  readonly payload: string;
}

export interface NotifierState {
  /** The alerts as of the last snapshot; the ingest log holds what came since. */
  readonly alerts: Alert[];
  readonly ingestLog: IngestLogEntry[];
  readonly groups: GroupRecord[];
  readonly notificationLog: NotificationLogEntry[];
  readonly escalations: EscalationState[];
  readonly acks: AckRecord[];
  readonly silences: Silence[];
  readonly outbox: OutboxEntry[];
}

export interface NotifierStore {
  load(): NotifierState;
  /** Runs `work` atomically: all of its writes land, or none. */
  transaction<T>(work: () => T): T;
  /**
   * Resolves when every write made so far is durable; rejects when one of them failed. Writes may
   * land after the call that made them returns: what must not be lost waits for this first.
   */
  committed(): Promise<void>;
  /**
   * Appends a request's alerts to the ingest log; returns the entry's id. Unlike the other writes,
   * it is durable (against the process being killed) when this returns. Ingest writes this, not
   * each alert: one entry a request, however many alerts, and the body is already JSON: as
   * received, in bytes, it is written with no encoding.
   */
  appendIngest(receivedAt: number, payload: string | Uint8Array): number;
  /** Starts a new ingest log segment: a snapshot begins, and the segment before can go whole once it is committed. */
  rotateIngest(): void;
  /** Forgets the ingest log up to this id, once the alerts it brought are in a snapshot. */
  truncateIngest(upTo: number): void;
  /**
   * Writes alerts to the stage, where a snapshot gathers them a slice at a time; they replace the
   * stored ones only with commitStagedAlerts, so a crash part-way leaves the last snapshot whole.
   */
  stageAlerts(alerts: readonly Alert[]): void;
  /** Puts the staged alerts in place of those stored, and empties the stage. */
  commitStagedAlerts(): void;
  /** Empties the stage (of a snapshot given up). */
  clearStagedAlerts(): void;
  /** Forgets alerts, stored or staged. */
  deleteAlerts(fingerprints: readonly string[]): void;
  putGroup(group: GroupRecord): void;
  /** Forgets a group's record; what it was told, its escalation and acknowledgement stay. */
  deleteGroup(key: string): void;
  /** Forgets what a group was told (its notification log), its escalation and its acknowledgement. */
  deleteGroupState(key: string): void;
  putLogEntry(entry: NotificationLogEntry): void;
  deleteLogEntry(entry: NotificationLogEntry): void;
  putEscalation(state: EscalationState): void;
  deleteEscalation(groupKey: string): void;
  putAck(ack: AckRecord): void;
  deleteAck(groupKey: string): void;
  putSilence(silence: Silence): void;
  deleteSilence(id: string): void;
  putOutbox(entry: OutboxEntry): void;
  deleteOutbox(id: string): void;
  /** A persistent value such as the ack-link key, made by `create` the first time. */
  secret(name: string, create: () => string): string;
  /** Lands every write made so far, then closes. */
  close(): Promise<void>;
}
