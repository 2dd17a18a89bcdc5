/**
 * Dedup stage: the notification log records what each channel of a receiver was last told about a
 * group; a flush notifies only when that would tell it something new (Alertmanager's needsUpdate).
 */
import type { ChannelId } from '../config/channel-ids.ts';

export interface NotificationLogEntry {
  readonly groupKey: string;
  readonly receiver: string;
  readonly channel: ChannelId;
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
  readonly sentAt: number;
}

export interface DedupInput {
  readonly entry: NotificationLogEntry | undefined;
  readonly firing: ReadonlySet<string>;
  readonly resolved: ReadonlySet<string>;
  readonly sendResolved: boolean;
  readonly repeatIntervalMs: number;
  /** An acknowledged group gets no reminders, only news. */
  readonly acknowledged: boolean;
  readonly now: number;
}

function isSubset(set: ReadonlySet<string>, of: readonly string[]): boolean {
  if (set.size > of.length) return false;
  const known = new Set(of);
  for (const item of set) if (!known.has(item)) return false;
  return true;
}

export function needsNotification({ entry, firing, resolved, sendResolved, repeatIntervalMs, acknowledged, now }: DedupInput): boolean {
  if (!entry) return firing.size > 0;
  if (!isSubset(firing, entry.firing)) return true;
  // Nothing to tell firing: told once something the receiver believes fires has resolved,
  // whatever send_resolved says, so the log forgets it. Every alert muted (silenced or inhibited)
  // and none resolved tells nothing, and the log keeps what the receiver knows.
  if (firing.size === 0) return entry.firing.some((fingerprint) => resolved.has(fingerprint));
  if (sendResolved && !isSubset(resolved, entry.resolved)) return true;
  return !acknowledged && entry.sentAt + repeatIntervalMs <= now;
}
