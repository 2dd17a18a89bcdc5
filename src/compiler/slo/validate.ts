/**
 * Checks SLOs before they are compiled: an SLI that selects known series, an objective that leaves
 * a budget, a whole number of days, a latency threshold that is one of the histogram's buckets, and
 * burn windows that make sense. Each finding names the SLO's file and line.
 */
import { relative } from 'node:path';
import { formatNumber } from '../../sdk/promql/expression.ts';
import { GROUP_NAME_RE } from '../../sdk/conventions.ts';
import { parseDuration } from '../../sdk/duration.ts';
import { DEFAULT_SLO_TIERS, type Slo, type SloSli } from '../../sdk/slo.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import { analyzePromql, type SeriesResolver } from '../promql/analyze.ts';
import { burnFactor, errorBudget, tidy } from './burn-rate.ts';
import { sloGroupName } from './rules.ts';

/** The shortest period the default tiers' budget shares suit (Sloth ships them for 28 and 30 days). */
const DEFAULT_WINDOWS_MIN_DAYS = 28;

function subjectOf(slo: Slo): string {
  return `slo "${slo.name}" of "${slo.service}"`;
}

/** The series an SLO's expressions may read, as validateRules will resolve them. */
export interface SliSeries {
  readonly resolve: SeriesResolver;
  /** Every name known, for "did you mean" hints. */
  readonly names: () => Iterable<string>;
}

/**
 * The SLI's selectors as written. A latency SLI's good (bucket) and total (count) selectors come
 * from one histogram and one set of matchers, so its total alone stands for what the user wrote.
 */
function sliSelectors(sli: SloSli): [string, string][] {
  const written: [string, string | undefined][] = sli.latency ? [['total', sli.total]] : [['bad', sli.bad], ['good', sli.good], ['total', sli.total]];
  return written.filter((entry): entry is [string, string] => entry[1] !== undefined);
}

/** True when the SLO is sound enough to compile; every problem is reported. */
function checkSlo(slo: Slo, source: SourceLocation, series: SliSeries, diagnostics: Diagnostics): boolean {
  const subject = subjectOf(slo);
  const before = diagnostics.errors.length;
  const error = (message: string, hint?: string) => diagnostics.error(source, subject, message, hint);
  if (!GROUP_NAME_RE.test(sloGroupName(slo))) error('service and name must be lower case letters, digits, ".", "_" or "-"', `they name the rule group ${sloGroupName(slo)}`);
  // Checked here, once per selector: in the compiled group every recorded window would repeat it.
  for (const [field, selector] of sliSelectors(slo.sli)) {
    for (const problem of analyzePromql(selector, series.resolve, series.names).problems) error(`SLI ${field} ${selector}: ${problem.message}`, problem.hint);
  }
  if (!(slo.objective > 0 && slo.objective < 100)) error(`objective ${slo.objective} must be a percentage between 0 and 100, exclusive`, 'write 99.5 for 99.5%; 100 leaves no error budget to alert on');
  // Below 1% the budget is over 99%, so no burn-rate tier could ever fire: a ratio written for a percentage.
  else if (slo.objective < 1) error(`objective ${slo.objective} is a percentage: it means ${slo.objective}%, whose error budget no burn rate could exceed`, `did you mean ${formatNumber(tidy(slo.objective * 100))}?`);
  const objectiveValid = slo.objective >= 1 && slo.objective < 100;
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
    // The workbook's budget shares are for 28 to 30 days: over 7, the ticket's 3d window would fire
    // at 0.23 times the sustainable burn, while the SLO is met (Sloth likewise asks for windows).
    // Compared by value: the SDK the sources import is a copy of this one.
    const defaults = JSON.stringify(tier.windows) === JSON.stringify(DEFAULT_SLO_TIERS[tier.tier].windows);
    if (defaults && slo.windowDays < DEFAULT_WINDOWS_MIN_DAYS && Number.isInteger(slo.windowDays) && slo.windowDays >= 1) {
      const slowest = tier.windows.map((w) => ({ w, factor: burnFactor(slo, w) })).reduce((a, b) => (b.factor < a.factor ? b : a));
      error(
        `tier ${tier.tier} has the default windows, made for periods of ${DEFAULT_WINDOWS_MIN_DAYS} days or more: over ${slo.windowDays} days its ${slowest.w.long} window fires at ${formatNumber(Number(slowest.factor.toPrecision(2)))} times the sustainable burn rate`,
        `give ${tier.tier}: { windows: [...] } budget shares for a ${slo.windowDays}-day period, or turn it off with ${tier.tier}: false`,
      );
    }
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
            'raise the objective, or give the window a smaller budgetShare',
          );
        }
      }
    }
  }
  return diagnostics.errors.length === before;
}

export interface ValidatedSlos {
  /** The SLOs fit to compile, in declaration order. */
  readonly valid: Sourced<Slo>[];
  /** The SLOs rejected, each with at least one error reported at its declaration. */
  readonly rejected: Sourced<Slo>[];
}

/** Sorts the SLOs into those fit to compile and those rejected; every problem and duplicate is reported. */
export function validateSlos(root: string, slos: readonly Sourced<Slo>[], series: SliSeries, diagnostics: Diagnostics): ValidatedSlos {
  const seen = new Map<string, SourceLocation>();
  const valid: Sourced<Slo>[] = [];
  const rejected: Sourced<Slo>[] = [];
  for (const sourced of slos) {
    const { value: slo, file } = sourced;
    const source = slo.source ?? { file, line: 1 };
    const key = sloGroupName(slo);
    const other = seen.get(key);
    if (other) {
      diagnostics.error(source, subjectOf(slo), `is declared twice (also at ${relative(root, other.file)}:${other.line})`, 'rename one: an SLO name is unique within its service');
      rejected.push(sourced);
      continue;
    }
    seen.set(key, source);
    (checkSlo(slo, source, series, diagnostics) ? valid : rejected).push(sourced);
  }
  return { valid, rejected };
}
