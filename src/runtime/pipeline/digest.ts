/**
 * Digest mode: a low-priority receiver gets everything of a period in one message, sent at the
 * end of the period, instead of one message per group.
 */
import type { Receiver } from '../config/schema.ts';
import { DAY_MS, durationMs } from '../duration.ts';
import { withAlerts, type Notification } from '../notification.ts';
import { instantAt, wallClock } from './local-time.ts';

export type Digest = NonNullable<Receiver['digest']>;

/**
 * The end of the digest period that `now` falls in. Periods are counted from the Unix epoch, or,
 * given a time of day (`at`, in `location`), on the wall clock from that time each day: 24h ends
 * at `at` each day, summer and winter, and a day's last period ends at the next day's `at`.
 */
export function digestDueAt(digest: Digest, now: number): number {
  const everyMs = durationMs(digest.every);
  if (digest.at === undefined && digest.location === undefined) return (Math.floor(now / everyMs) + 1) * everyMs;
  const location = digest.location ?? 'UTC';
  const [hours, minutes] = (digest.at ?? '00:00').split(':').map(Number);
  const atMs = (hours! * 60 + minutes!) * 60_000;
  /** The period end on the wall clock after wall time `wall`. */
  const nextEnd = (wall: number) => {
    const dayStart = Math.floor((wall - atMs) / DAY_MS) * DAY_MS + atMs;
    return Math.min(dayStart + (Math.floor((wall - dayStart) / everyMs) + 1) * everyMs, dayStart + DAY_MS);
  };
  // An end in an hour the clock repeats may be before now: the next one then.
  for (let wall = nextEnd(wallClock(now, location)); ; wall = nextEnd(wall)) {
    const end = instantAt(wall, location);
    if (end > now) return end;
  }
}

/** One message of several groups' notifications; the newest state of each alert wins. */
export function digestNotification(parts: readonly Notification[]): Notification {
  const first = parts[0]!;
  if (parts.length === 1) return first;
  const byFingerprint = new Map(parts.flatMap((p) => p.alerts).map((a) => [a.fingerprint, a]));
  // A digest spans groups: no group labels, and no single group to acknowledge from it.
  return withAlerts({ groupKey: `digest:${first.receiver}`, groupId: first.groupId, receiver: first.receiver, groupLabels: {}, externalURL: first.externalURL, links: {} }, [...byFingerprint.values()]);
}
