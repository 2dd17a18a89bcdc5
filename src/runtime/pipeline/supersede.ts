/**
 * Superseding: messages about a group still waiting for a channel (down, refusing, rate limited, a
 * digest's) when the group flushes again are replaced by one made from the group as it is then,
 * as Alertmanager tells a group's state at each flush rather than every state in between. The new
 * message is weighed against what the channel knew before them (what the first of them built on),
 * so it tells nothing twice; it carries the resolutions they would have told. So a receiver back
 * after an outage hears each group once, as it is, and the outbox holds one message per group and
 * channel however long the outage.
 */
import type { NotificationAlert } from '../notification.ts';
import type { OutboxEntry } from '../store/store.ts';
import type { NotificationLogEntry } from './dedup.ts';

export interface Superseding {
  /** The messages the new one replaces: none when an entry's knowledge is unknown (a state file from before). */
  readonly superseded: readonly OutboxEntry[];
  /** What the channel knows, for the dedup: before the superseded messages, or the log's entry. */
  readonly before: NotificationLogEntry | undefined;
  /** Resolutions they carried of alerts the group no longer holds (those it holds, it tells as they are now). */
  readonly carried: readonly NotificationAlert[];
  /** Whether they told firing an alert now resolved: the channel never heard it fire, and is told it resolved. */
  readonly owesResolution: boolean;
}

export function superseding(waiting: readonly OutboxEntry[], logged: NotificationLogEntry | undefined, firing: ReadonlySet<string>, resolved: ReadonlySet<string>): Superseding {
  if (waiting.length === 0 || waiting.some((e) => e.toldBefore === undefined)) return { superseded: [], before: logged, carried: [], owesResolution: false };
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
  const owesResolution = waiting.some((e) => e.notification.alerts.some((a) => a.status === 'firing' && (resolved.has(a.fingerprint) || seen.has(a.fingerprint))));
  return { superseded: waiting, before: waiting[0]!.toldBefore ?? undefined, carried, owesResolution };
}
