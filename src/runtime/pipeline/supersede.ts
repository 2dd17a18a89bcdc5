/**
 * Superseding: a group's messages still waiting for a channel when the group flushes again are
 * replaced by one made from the group as it is then. It carries the resolutions they would have
 * told, of alerts the group no longer holds (those it holds, it tells as they are now).
 */
import type { NotificationAlert } from '../notification.ts';
import type { OutboxEntry } from '../store/store.ts';

export function carriedResolutions(waiting: readonly OutboxEntry[], firing: ReadonlySet<string>, resolved: ReadonlySet<string>): NotificationAlert[] {
  const seen = new Set<string>();
  const carried: NotificationAlert[] = [];
  // Newest first: an alert resolved twice is told with its latest end.
  for (let i = waiting.length - 1; i >= 0; i--) {
    for (const alert of waiting[i]!.notification.alerts) {
      if (alert.status !== 'resolved' || firing.has(alert.fingerprint) || resolved.has(alert.fingerprint) || seen.has(alert.fingerprint)) continue;
      seen.add(alert.fingerprint);
      carried.push(alert);
    }
  }
  return carried;
}
