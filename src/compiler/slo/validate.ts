/**
 * Checks SLOs before they are compiled: an objective that leaves a budget, a whole number of days,
 * a latency threshold that is one of the histogram's buckets, and burn windows that make sense.
 * Each finding names the SLO's file and line.
 */
import { formatNumber } from '../../sdk/promql/expression.ts';
import { GROUP_NAME_RE } from '../../sdk/conventions.ts';
import { parseDuration } from '../../sdk/duration.ts';
import type { Slo } from '../../sdk/slo.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import { burnFactor, errorBudget, tidy } from './burn-rate.ts';
import { sloGroupName } from './rules.ts';

function subjectOf(slo: Slo): string {
  return `slo "${slo.name}" of "${slo.service}"`;
}

/** True when the SLO is sound enough to compile; every problem is reported. */
function checkSlo(slo: Slo, file: string, diagnostics: Diagnostics): boolean {
  const source = slo.source ?? { file, line: 1 };
  const subject = subjectOf(slo);
  const before = diagnostics.errors.length;
  const error = (message: string, hint?: string) => diagnostics.error(source, subject, message, hint);
  if (!GROUP_NAME_RE.test(sloGroupName(slo))) error('service and name must be lower case letters, digits, ".", "_" or "-"', `they name the rule group ${sloGroupName(slo)}`);
  const objectiveValid = slo.objective > 0 && slo.objective < 100;
  if (!objectiveValid) error(`objective ${slo.objective} must be a percentage between 0 and 100, exclusive`, 'write 99.5 for 99.5%; 100 leaves no error budget to alert on');
  if (!Number.isInteger(slo.windowDays) || slo.windowDays < 1) error(`windowDays ${slo.windowDays} must be a whole number of days ≥ 1`, 'SLO periods are usually 28 or 30 days');
  const { latency } = slo.sli;
  if (latency) {
    const buckets = latency.histogram.buckets ?? [];
    if (!buckets.includes(latency.threshold)) {
      error(
        `latency threshold ${formatNumber(latency.threshold)} is not a bucket of ${latency.histogram.name}`,
        `use one of its buckets (${buckets.map(formatNumber).join(', ')}), or add ${formatNumber(latency.threshold)} to its buckets in the catalog`,
      );
    }
  }
  const periodMs = slo.windowDays * 86_400_000;
  for (const tier of slo.tiers) {
    if (tier.windows.length === 0) error(`tier ${tier.tier} has no windows`, `give it windows, or turn it off with ${tier.tier}: false`);
    for (const w of tier.windows) {
      const long = parseDuration(w.long);
      const short = parseDuration(w.short);
      const named = `tier ${tier.tier} window ${w.long}/${w.short}`;
      if (!long || !short) error(`${named}: not valid durations`, 'write them like 1h and 5m');
      else if (short >= long) error(`${named}: the short window must be shorter than the long one`, 'the workbook pairs each long window with one of about a twelfth: 1h with 5m');
      else if (long > periodMs) error(`${named}: the long window exceeds the ${slo.windowDays}-day period`);
      if (!(w.budgetShare > 0 && w.budgetShare <= 1)) error(`${named}: budgetShare ${w.budgetShare} must be a share between 0 and 1`, 'e.g. 0.02 for 2% of the budget');
      else if (long && short && short < long && objectiveValid) {
        // The alert fires when the error ratio exceeds factor × budget: at 1 or more it never can.
        const factor = burnFactor(slo, w);
        const threshold = tidy(factor * errorBudget(slo));
        if (threshold >= 1) {
          error(
            `${named}: fires only when the error ratio exceeds ${formatNumber(factor)} × ${formatNumber(errorBudget(slo))} = ${formatNumber(threshold)}, which no ratio can: the tier never fires`,
            slo.objective < 1 ? `the objective is a percentage: ${slo.objective} means ${slo.objective}%; did you mean ${formatNumber(tidy(slo.objective * 100))}?` : 'raise the objective, or give the window a smaller budgetShare',
          );
        }
      }
    }
  }
  return diagnostics.errors.length === before;
}

/** The SLOs fit to compile, in declaration order; duplicates reported. */
export function validateSlos(slos: readonly Sourced<Slo>[], diagnostics: Diagnostics): Sourced<Slo>[] {
  const seen = new Set<string>();
  return slos.filter(({ value: slo, file }) => {
    const key = sloGroupName(slo);
    if (seen.has(key)) {
      diagnostics.error(slo.source ?? { file, line: 1 }, subjectOf(slo), 'is declared twice', 'an SLO name is unique within its service');
      return false;
    }
    seen.add(key);
    return checkSlo(slo, file, diagnostics);
  });
}
