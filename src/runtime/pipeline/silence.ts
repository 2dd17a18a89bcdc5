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

/** Alertmanager's expiry: a pending silence ends before it starts, an active one ends now. */
export function expireSilence(silence: Silence, now: number): Silence {
  return { ...silence, startsAt: Math.min(silence.startsAt, now), endsAt: now, updatedAt: now };
}
