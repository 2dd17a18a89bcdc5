/**
 * Digest mode: a low-priority receiver gets everything of a period in one message, sent at the
 * end of the period, instead of one message per group.
 */
import { withAlerts, type Notification } from '../notification.ts';

/** The end of the digest period that `now` falls in. */
export function digestDueAt(everyMs: number, now: number): number {
  return (Math.floor(now / everyMs) + 1) * everyMs;
}

/** One message of several groups' notifications; the newest state of each alert wins. */
export function digestNotification(parts: readonly Notification[]): Notification {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const byFingerprint = new Map(parts.flatMap((p) => p.alerts).map((a) => [a.fingerprint, a]));
  // A digest spans groups: no group labels, and no single group to acknowledge from it.
  return withAlerts({ groupKey: `digest:${first.receiver}`, groupId: first.groupId, receiver: first.receiver, groupLabels: {}, externalURL: first.externalURL, links: {} }, [...byFingerprint.values()]);
}
