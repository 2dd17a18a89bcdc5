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
  /**
   * Set at a restart for an alert whose end was its sender's estimate and passed while the
   * notifier was down: until then it is neither resolved nor told nor escalated, waiting for its
   * sender to re-send it (it still fires) or not (it ended when its estimate said). Any receipt
   * of the alert replaces it.
   */
  readonly awaitingUntil?: number;
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

/** Resolved: ended, and not awaiting a re-send (see awaitsResend). */
export function isResolved(alert: Alert, now: number): boolean {
  return alert.endsAt <= now && !awaitsResend(alert, now);
}

/**
 * Whether the alert ended by an estimate that passed while the notifier was down, and its sender
 * has until `awaitingUntil` to say it still fires: Prometheus dates a firing alert's end a few
 * evaluations ahead and re-sends it each minute, so a notifier down longer would otherwise tell
 * every alert resolved at its restart, and page them again as new when they come back.
 */
export function awaitsResend(alert: Alert, now: number): boolean {
  return alert.awaitingUntil !== undefined && alert.awaitingUntil > now;
}

/**
 * When a firing alert resolves unless its sender says otherwise, as Alertmanager's API gives
 * endsAt: its end, or, awaiting a re-send, the wait's (its end has passed, and it is not resolved).
 */
export function resolvesAt(alert: Alert): number {
  return Math.max(alert.endsAt, alert.awaitingUntil ?? alert.endsAt);
}

/**
 * Whether, at a restart at `now`, the alert is one to await a re-send of: its end was an estimate
 * made while it fired (later than its last receipt) and has passed, and it has not awaited one
 * yet (a notifier restarting again and again must not hold it for ever).
 */
export function endedByEstimate(alert: Alert, now: number): boolean {
  return alert.endsAt <= now && alert.endsAt > alert.updatedAt && alert.awaitingUntil === undefined;
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
