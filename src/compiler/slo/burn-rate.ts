/**
 * Burn-rate arithmetic of multi-window alerts (SRE workbook, chapter 5): a window may burn a share
 * of the period's budget, so its burn-rate factor is that share times how many such windows fit
 * in the period. 2% of a 30-day budget in 1h is 0.02 × 720 = 14.4.
 */
import { parseDuration } from '../../sdk/duration.ts';
import type { BurnWindow, Slo } from '../../sdk/slo.ts';

const DAY_MS = 86_400_000;

/** Rounds away floating-point noise (0.05 × 120 = 6.000000000000001) so rule text reads as written. */
export function tidy(value: number): number {
  return Number(value.toPrecision(12));
}

/**
 * A ratio computed from the objective, rounded to the decimals the objective was written with plus
 * two: 1 - 99.999 / 100 is 0.000010000000000065512 in binary floating point, which rounding to
 * significant digits (tidy) leaves as 0.0000100000000001.
 */
function fromObjective(slo: Pick<Slo, 'objective'>, ratio: number): number {
  const decimals = String(slo.objective).split('.')[1]?.length ?? 0;
  return Number(ratio.toFixed(decimals + 2));
}

/** The objective as a ratio (99.5% → 0.995). */
export function objectiveRatio(slo: Pick<Slo, 'objective'>): number {
  return fromObjective(slo, slo.objective / 100);
}

/** The error budget: the share of events that may be bad (99.5% → 0.005). */
export function errorBudget(slo: Pick<Slo, 'objective'>): number {
  return fromObjective(slo, 1 - slo.objective / 100);
}

/** How many times faster than sustainable the budget burns when `window` fires. */
export function burnFactor(slo: Pick<Slo, 'windowDays'>, window: BurnWindow): number {
  return tidy((window.budgetShare * slo.windowDays * DAY_MS) / parseDuration(window.long)!);
}

/** The period as a Prometheus duration: `30d`. */
export function periodWindow(slo: Pick<Slo, 'windowDays'>): string {
  return `${slo.windowDays}d`;
}

/** The 5-minute window the current burn rate and the period ratio are computed from. */
export const BASE_WINDOW = '5m';

/**
 * Every window whose error ratio the SLO records from the raw counters: the base window and each
 * tier's, shortest first. A tier window that is the period (budget spent: `30d`) reads the period's
 * ratio, recorded from the base window; recorded twice, the two rules would write the same series.
 */
export function recordedWindows(slo: Pick<Slo, 'tiers' | 'windowDays'>): string[] {
  const windows = new Set<string>([BASE_WINDOW]);
  for (const tier of slo.tiers) for (const w of tier.windows) windows.add(w.short).add(w.long);
  windows.delete(periodWindow(slo));
  return [...windows].sort((a, b) => parseDuration(a)! - parseDuration(b)!);
}
