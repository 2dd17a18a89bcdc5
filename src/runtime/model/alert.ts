/** An alert as the notifier holds it: Prometheus' alert with times in epoch milliseconds. */
import type { Labels } from './labels.ts';

export interface Alert {
  readonly fingerprint: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly startsAt: number;
  /** When it resolves (or resolved); without an endsAt from the sender, receipt plus resolve_timeout. */
  readonly endsAt: number;
  readonly generatorURL: string;
  readonly updatedAt: number;
}

/** An alert's end: as its sender said, or, not said, `resolveTimeoutMs` after it was received. */
export function endsAtOrTimeout(endsAt: number | undefined, receivedAt: number, resolveTimeoutMs: number): number {
  return endsAt ?? receivedAt + resolveTimeoutMs;
}

/**
 * An alert's start: as its sender said, or, not said, receipt; but a resolution posted without a
 * start starts when it ends, as Alertmanager has it, so that it is taken, not refused as starting
 * after it ended. (Alertmanager takes the end as the start of a firing alert too, a start in the
 * future; receipt is kept for those.)
 */
export function startsAtOrDefault(startsAt: number | undefined, endsAt: number | undefined, receivedAt: number): number {
  return startsAt ?? (endsAt !== undefined && endsAt <= receivedAt ? endsAt : receivedAt);
}

export function isResolved(alert: Alert, now: number): boolean {
  return alert.endsAt <= now;
}

/**
 * The start of an update to an alert, by Alertmanager's merge of a received alert into the one
 * held: when their spans overlap (the update starts or ends strictly inside the held one), the
 * update continues the held alert and keeps the earlier start, resolved or not (a second
 * Prometheus of an HA pair re-sending what the first resolved); otherwise it replaces it, starting
 * when it says.
 */
export function mergedStartsAt(held: Alert | undefined, startsAt: number, endsAt: number): number {
  if (!held) return startsAt;
  const inside = (t: number) => t > held.startsAt && t < held.endsAt;
  return inside(startsAt) || inside(endsAt) ? Math.min(held.startsAt, startsAt) : startsAt;
}
