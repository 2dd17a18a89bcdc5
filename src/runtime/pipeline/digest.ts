/**
 * Digest mode: a low-priority receiver gets everything of a period in one message, sent at the
 * end of the period, instead of one message per group.
 */
import type { Notification } from '../notification.ts';
import { commonLabels } from '../model/labels.ts';

/** The end of the digest period that `now` falls in. */
export function digestDueAt(everyMs: number, now: number): number {
  return (Math.floor(now / everyMs) + 1) * everyMs;
}

/** One message of several groups' notifications; the newest state of each alert wins. */
export function digestNotification(parts: readonly Notification[]): Notification {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const byFingerprint = new Map(parts.flatMap((p) => p.alerts).map((a) => [a.fingerprint, a]));
  const alerts = [...byFingerprint.values()];
  return {
    groupKey: `digest:${first.receiver}`,
    groupId: first.groupId,
    receiver: first.receiver,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    groupLabels: {},
    commonLabels: commonLabels(alerts.map((a) => a.labels)),
    commonAnnotations: commonLabels(alerts.map((a) => a.annotations)),
    alerts,
    externalURL: first.externalURL,
    // A digest spans groups: no single group to acknowledge from it.
    links: {},
  };
}
