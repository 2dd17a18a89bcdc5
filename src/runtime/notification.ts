/**
 * One message about a group to one receiver: what the outbox stores and every channel renders.
 * Field names follow Alertmanager's webhook payload, so the webhook channel sends it nearly as is.
 */
import { isoTime } from './clock.ts';
import type { Alert } from './model/alert.ts';
import { commonLabels, type Labels } from './model/labels.ts';

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
  readonly escalationStep?: number;
  readonly externalURL: string;
  readonly links: Pick<NotificationLinks, 'ack' | 'silence'>;
  readonly now: number;
}

export function buildNotification(input: NotificationInput): Notification {
  const alerts = [...input.firing, ...input.resolved];
  const annotations = commonLabels(alerts.map((a) => a.annotations));
  return {
    groupKey: input.groupKey,
    groupId: input.groupId,
    receiver: input.receiver,
    status: input.firing.length > 0 ? 'firing' : 'resolved',
    groupLabels: input.groupLabels,
    commonLabels: commonLabels(alerts.map((a) => a.labels)),
    commonAnnotations: annotations,
    alerts: alerts.map((a) => notificationAlert(a, input.now)),
    ...(input.escalationStep !== undefined && { escalationStep: input.escalationStep }),
    externalURL: input.externalURL,
    links: {
      // Nothing to acknowledge once everything has resolved.
      ...(input.firing.length > 0 && input.links.ack !== undefined && { ack: input.links.ack }),
      ...(input.links.silence !== undefined && { silence: input.links.silence }),
      ...(alerts[0]?.generatorURL && { source: alerts[0].generatorURL }),
      ...(annotations.runbook_url !== undefined && { runbook: annotations.runbook_url }),
    },
  };
}
