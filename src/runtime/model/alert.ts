/** An alert as the notifier holds it: Prometheus' alert with times in epoch milliseconds. */
import type { Labels } from './labels.ts';

export interface Alert {
  readonly fingerprint: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly startsAt: number;
  /** When it resolves (or resolved); without an endsAt from the sender, receipt plus resolve_timeout. */
  readonly endsAt: number;
  /** Whether endsAt is receipt plus resolve_timeout, the sender having given none: a merge lets a later end override it. */
  readonly timeout: boolean;
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
 * Whether an update continues the alert held, by Alertmanager's merge of a received alert into the
 * one held: their spans overlap, the update starting or ending strictly inside the held one,
 * resolved or not (a second Prometheus of an HA pair re-sending what the first resolved). Then it
 * keeps the earlier start (and mergedEndsAt's end); otherwise it replaces the held alert.
 */
export function continuesHeld(held: Alert, startsAt: number, endsAt: number): boolean {
  return (startsAt > held.startsAt && startsAt < held.endsAt) || (endsAt > held.startsAt && endsAt < held.endsAt);
}

/**
 * The end of an update that continues the alert held, as Alertmanager merges them: of two
 * resolutions the later end; of a firing update, the held alert's end when it is later and its
 * sender gave it (not resolve_timeout); otherwise the update's.
 */
export function mergedEndsAt(held: Alert, endsAt: number, now: number): number {
  const later = held.endsAt > endsAt;
  if (endsAt <= now) return later && isResolved(held, now) ? held.endsAt : endsAt;
  return later && !held.timeout ? held.endsAt : endsAt;
}
