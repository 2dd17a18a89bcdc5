/** Checks of PromQL, a rule's or a panel's: functions over the right kind of series, ranges long enough, sides that match, plain matchers. */
import { HISTOGRAM_SUFFIXES } from '../../sdk/conventions.ts';
import { formatDuration, parseDuration } from '../../sdk/duration.ts';
import { COUNTER_FUNCTIONS } from '../promql/signatures.ts';
import type { ExpressionCheck } from './finding.ts';
import { callArguments, labelMatchers } from '../promql/tree.ts';

/** rate() of a gauge reads every dip as a counter reset and reports nonsense. */
export const counterFunctionCheck: ExpressionCheck = ({ analysis }) =>
  analysis.selectors
    .filter((s) => s.fn !== undefined && COUNTER_FUNCTIONS.has(s.fn) && s.kind === 'gauge')
    .map((s) => ({
      check: 'rate-over-counter' as const,
      message: `${s.fn}() over ${s.name}, which is not a counter`,
      fix: `use deriv() or delta() for a gauge, or ${s.fn}() over the counter the gauge was computed from`,
    }));

/** histogram_quantile() interpolates within buckets; over anything else its result means nothing. */
export const histogramQuantileCheck: ExpressionCheck = ({ expr, analysis }) =>
  callArguments(expr, 'histogram_quantile', 1)
    .filter((arg) => !analysis.selectors.some((s) => s.from >= arg.from && s.to <= arg.to && s.name.includes(HISTOGRAM_SUFFIXES.bucket)))
    .map(() => ({
      check: 'histogram-quantile-over-buckets' as const,
      message: `histogram_quantile() reads no ${HISTOGRAM_SUFFIXES.bucket} series`,
      fix: 'give it the rate of a histogram\'s buckets: histogramQuantile(0.95, sum(rate(h.bucket().range(\'5m\')), { by: [\'le\'] }))',
    }));

/** Fewer than four samples in a range: one missed scrape and rate() has nothing to work with. */
export const rangeCheck: ExpressionCheck = ({ analysis }, { scrapeMs, evaluationMs, recordings }) =>
  analysis.selectors.flatMap((s) => {
    const rangeMs = s.range === undefined ? undefined : parseDuration(s.range);
    // A recording rule's samples come once per evaluation of its group, not per scrape.
    const sampleMs = recordings.has(s.name) ? evaluationMs : scrapeMs;
    if (rangeMs === undefined || rangeMs >= 4 * sampleMs) return [];
    return [{
      check: 'range-vs-scrape-interval' as const,
      message: `range [${s.range}] over ${s.name} spans fewer than four samples (one every ${formatDuration(sampleMs)})`,
      fix: `use a range of at least ${formatDuration(4 * sampleMs)}`,
    }];
  });

const REGEX_SYNTAX = /[.*+?^$()[\]{}|\\]/;

/** A regex without regex syntax matches one value: `=` says so and is cheaper. */
export const regexCheck: ExpressionCheck = ({ expr }) =>
  labelMatchers(expr).flatMap(({ label, op, value: regex }) => {
    if (op !== '=~' && op !== '!~') return [];
    // Escaped metacharacters (as oneOf() writes them) are literal text too.
    const literal = regex.replace(/\\([.*+?^$()[\]{}|\\])/g, '');
    if (REGEX_SYNTAX.test(literal)) return [];
    const value = regex.replace(/\\(.)/g, '$1');
    const equality = op === '=~' ? '=' : '!=';
    return [{
      check: 'regex-could-be-equality' as const,
      message: `${label}${op}${JSON.stringify(regex)} is a regex that matches exactly one value`,
      fix: `write ${label}${equality}${JSON.stringify(value)} (${op === '=~' ? 'eq' : 'ne'}(${JSON.stringify(value)}) in the builder)`,
    }];
  });

/** `the left side carries connector, which the right does not`, for labels on either side or both. */
function unmatchedText(leftOnly: readonly string[], rightOnly: readonly string[]): string {
  const carries = (side: string, other: string, labels: readonly string[]) => `the ${side} side carries ${labels.join(', ')}, which the ${other} does not`;
  return [leftOnly.length ? carries('left', 'right', leftOnly) : '', rightOnly.length ? carries('right', 'left', rightOnly) : ''].filter(Boolean).join(', and ');
}

/**
 * Without on (...), a binary operator pairs series whose labels are all equal: a per-connector
 * rate divided by the total (`sum by (connector) (...) / sum(...)`) pairs nothing and is always
 * empty, which Prometheus does not report (pint's promql/vector_matching).
 */
export const vectorMatchingCheck: ExpressionCheck = ({ analysis }) =>
  analysis.mismatches.map(({ op, leftOnly, rightOnly, common }) => ({
    check: 'vector-matching' as const,
    message: `${op} pairs series with the same labels, but ${unmatchedText(leftOnly, rightOnly)}: no pair matches, ${op.toLowerCase() === 'unless' ? 'so unless removes nothing' : 'so the result is empty'}`,
    fix: `match on the labels both carry: ${op} on (${common.join(', ')})${leftOnly.length && op.toLowerCase() !== 'and' && op.toLowerCase() !== 'unless' ? ' group_left' : ''}, or ${op} ignoring (${[...leftOnly, ...rightOnly].join(', ')})`,
  }));
