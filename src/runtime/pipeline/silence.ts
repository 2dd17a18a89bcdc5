/** Silence stage: alerts matched by an active silence are not notified. */
import { matchersMatch } from '../config/route-match.ts';
import type { Matcher } from '../config/schema.ts';
import type { Labels } from '../model/labels.ts';

export interface Silence {
  readonly id: string;
  readonly matchers: readonly Matcher[];
  readonly startsAt: number;
  readonly endsAt: number;
  readonly createdBy: string;
  readonly comment: string;
  readonly updatedAt: number;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export function silenceState(silence: Silence, now: number): SilenceState {
  if (silence.endsAt <= now) return 'expired';
  return silence.startsAt > now ? 'pending' : 'active';
}

/** The ids of the active silences that match these labels. */
export function silencedBy(silences: Iterable<Silence>, labels: Labels, now: number): string[] {
  const ids: string[] = [];
  for (const silence of silences) {
    if (silenceState(silence, now) === 'active' && matchersMatch(silence.matchers, labels)) ids.push(silence.id);
  }
  return ids;
}

/** How long an expired silence is still listed (Alertmanager's --data.retention default). */
export const SILENCE_RETENTION_MS = 120 * 3_600_000;

/** Whether an expired silence has been kept long enough to be forgotten. */
export function silenceOutlived(silence: Silence, now: number): boolean {
  return silence.endsAt + SILENCE_RETENTION_MS <= now;
}

export const sameMatchers = (a: readonly Matcher[], b: readonly Matcher[]) =>
  a.length === b.length && a.every((m, i) => m.label === b[i]!.label && m.op === b[i]!.op && m.value === b[i]!.value);

/**
 * Whether `next` may replace `prev` under its id, as Alertmanager decides: the same matchers, and
 * times that may still change (an active silence keeps its start, to the second, and cannot end in
 * the past; a pending one cannot start in the past; an expired one is history). Otherwise the
 * update is a new silence, and `prev` is expired.
 */
export function canUpdateSilence(prev: Silence, next: Pick<Silence, 'matchers' | 'startsAt' | 'endsAt'>, now: number): boolean {
  if (!sameMatchers(prev.matchers, next.matchers)) return false;
  switch (silenceState(prev, now)) {
    case 'active':
      return Math.floor(next.startsAt / 1000) === Math.floor(prev.startsAt / 1000) && next.endsAt >= now;
    case 'pending':
      return next.startsAt >= now;
    case 'expired':
      return false;
  }
}

/** Alertmanager's expiry: a pending silence ends before it starts, an active one ends now. */
export function expireSilence(silence: Silence, now: number): Silence {
  return { ...silence, startsAt: Math.min(silence.startsAt, now), endsAt: now, updatedAt: now };
}
