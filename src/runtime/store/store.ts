/**
 * Everything the notifier must not forget across a restart, behind one interface: the pipeline
 * writes through it and reads it back only at startup, so another store (a shared PostgreSQL for
 * several replicas) can be added without touching the pipeline.
 */
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
  readonly channel: number;
  readonly notification: Notification;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly createdAt: number;
  readonly lastError: string | undefined;
}

export interface NotifierState {
  readonly alerts: Alert[];
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
  putAlerts(alerts: readonly Alert[]): void;
  deleteAlerts(fingerprints: readonly string[]): void;
  putGroup(group: GroupRecord): void;
  /** Forgets a group with its notification log, escalation and acknowledgement. */
  deleteGroup(key: string): void;
  putLogEntry(entry: NotificationLogEntry): void;
  putEscalation(state: EscalationState): void;
  putAck(ack: AckRecord): void;
  putSilence(silence: Silence): void;
  deleteSilence(id: string): void;
  putOutbox(entry: OutboxEntry): void;
  deleteOutbox(id: string): void;
  /** A persistent value such as the ack-link key, made by `create` the first time. */
  secret(name: string, create: () => string): string;
  close(): void;
}
