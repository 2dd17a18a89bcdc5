/**
 * One message about a group to one receiver: what the outbox stores and every channel renders.
 * Field names follow Alertmanager's webhook payload, so the webhook channel sends it nearly as is.
 */
import { isoTime } from './clock.ts';
import type { Alert } from './model/alert.ts';
import { commonLabels, compareAlertLabels, type Labels } from './model/labels.ts';

export interface NotificationAlert {
  readonly status: 'firing' | 'resolved';
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly generatorURL: string;
  readonly fingerprint: string;
}

export interface NotificationLinks {
  /** Signed, expiring: acknowledges the group without a token. */
  readonly ack?: string;
  readonly source?: string;
  readonly runbook?: string;
  readonly silence?: string;
}

export interface Notification {
  readonly groupKey: string;
  readonly groupId: string;
  readonly receiver: string;
  readonly status: 'firing' | 'resolved';
  readonly groupLabels: Labels;
  readonly commonLabels: Labels;
  readonly commonAnnotations: Labels;
  readonly alerts: readonly NotificationAlert[];
  /** 1-based escalation step that sent it; absent outside escalation. */
  readonly escalationStep?: number;
  readonly externalURL: string;
  readonly links: NotificationLinks;
}

/** Go's zero time, which Alertmanager sends as the endsAt of an alert without one. */
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function notificationAlert(alert: Alert, now: number): NotificationAlert {
  const resolved = alert.endsAt <= now;
  return {
    status: resolved ? 'resolved' : 'firing',
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: isoTime(alert.startsAt),
    endsAt: resolved ? isoTime(alert.endsAt) : ZERO_TIME,
    generatorURL: alert.generatorURL,
    fingerprint: alert.fingerprint,
  };
}

export interface NotificationInput {
  readonly groupKey: string;
  readonly groupId: string;
  readonly receiver: string;
  readonly groupLabels: Labels;
  readonly firing: readonly Alert[];
  readonly resolved: readonly Alert[];
  /** Resolutions that messages this one supersedes carried, as they told them. */
  readonly carried?: readonly NotificationAlert[];
  readonly escalationStep?: number;
  readonly externalURL: string;
  readonly links: Pick<NotificationLinks, 'ack' | 'silence'>;
  readonly now: number;
}

export function buildNotification(input: NotificationInput): Notification {
  const { groupKey, groupId, receiver, groupLabels, escalationStep, externalURL, links, now } = input;
  const alerts = [...input.firing, ...input.resolved].map((a) => notificationAlert(a, now)).concat(input.carried ?? []);
  return withAlerts({ groupKey, groupId, receiver, groupLabels, ...(escalationStep !== undefined && { escalationStep }), externalURL, links }, alerts);
}

/** What a message says of its group, to which its alerts add the rest. */
export type NotificationBase = Omit<Notification, 'status' | 'commonLabels' | 'commonAnnotations' | 'alerts'>;

/**
 * The message telling these alerts, in Alertmanager's order (compareAlertLabels), firing and
 * resolved alike; its status, common labels and links follow from them.
 */
export function withAlerts(base: NotificationBase, told: readonly NotificationAlert[]): Notification {
  const alerts = [...told].sort((a, b) => compareAlertLabels(a.labels, b.labels));
  const firstFiring = alerts.find((a) => a.status === 'firing');
  const annotations = commonLabels(alerts.map((a) => a.annotations));
  // The query of what fires, while anything does.
  const source = (firstFiring ?? alerts[0])?.generatorURL;
  return {
    groupKey: base.groupKey,
    groupId: base.groupId,
    receiver: base.receiver,
    status: firstFiring ? 'firing' : 'resolved',
    groupLabels: base.groupLabels,
    commonLabels: commonLabels(alerts.map((a) => a.labels)),
    commonAnnotations: annotations,
    alerts,
    ...(base.escalationStep !== undefined && { escalationStep: base.escalationStep }),
    externalURL: base.externalURL,
    links: {
      // Nothing to acknowledge once everything has resolved.
      ...(firstFiring && base.links.ack !== undefined && { ack: base.links.ack }),
      // Nor to silence: the group goes with its resolution, and the link with it.
      ...(firstFiring && base.links.silence !== undefined && { silence: base.links.silence }),
      ...(source && { source }),
      ...(annotations.runbook_url !== undefined && { runbook: annotations.runbook_url }),
    },
  };
}
