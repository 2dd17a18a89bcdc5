/**
 * PromQL functions the analyzer knows: argument value types and result type. Mirrors Prometheus'
 * parser/functions.go for the functions of Prometheus 2.x, so an argument of the wrong type is a
 * build error naming the function instead of a promtool failure later.
 */
export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string';

export interface FunctionSignature {
  readonly args: readonly ValueType[];
  /** How many trailing arguments may be left out. */
  readonly optional?: number;
  /** The last argument may repeat (label_join's source labels). */
  readonly variadic?: boolean;
  readonly returns: ValueType;
  /** What happens to labels: kept (default), none, or from the selector's equality matchers. */
  readonly labels?: 'keep' | 'none' | 'absent';
}

const keepVector = (): FunctionSignature => ({ args: ['vector'], returns: 'vector' });
const overTime = (): FunctionSignature => ({ args: ['matrix'], returns: 'vector' });

export const FUNCTIONS: Readonly<Record<string, FunctionSignature>> = {
  abs: keepVector(), ceil: keepVector(), floor: keepVector(), exp: keepVector(), sqrt: keepVector(), ln: keepVector(), log2: keepVector(), log10: keepVector(),
  sgn: keepVector(), timestamp: keepVector(), sort: keepVector(), sort_desc: keepVector(),
  acos: keepVector(), acosh: keepVector(), asin: keepVector(), asinh: keepVector(), atan: keepVector(), atanh: keepVector(), cos: keepVector(), cosh: keepVector(),
  sin: keepVector(), sinh: keepVector(), tan: keepVector(), tanh: keepVector(), deg: keepVector(), rad: keepVector(),
  days_in_month: { args: ['vector'], optional: 1, returns: 'vector' }, day_of_month: { args: ['vector'], optional: 1, returns: 'vector' },
  day_of_week: { args: ['vector'], optional: 1, returns: 'vector' }, day_of_year: { args: ['vector'], optional: 1, returns: 'vector' },
  hour: { args: ['vector'], optional: 1, returns: 'vector' }, minute: { args: ['vector'], optional: 1, returns: 'vector' },
  month: { args: ['vector'], optional: 1, returns: 'vector' }, year: { args: ['vector'], optional: 1, returns: 'vector' },
  round: { args: ['vector', 'scalar'], optional: 1, returns: 'vector' },
  clamp: { args: ['vector', 'scalar', 'scalar'], returns: 'vector' },
  clamp_min: { args: ['vector', 'scalar'], returns: 'vector' }, clamp_max: { args: ['vector', 'scalar'], returns: 'vector' },
  rate: overTime(), irate: overTime(), increase: overTime(), delta: overTime(), idelta: overTime(), deriv: overTime(), resets: overTime(), changes: overTime(),
  avg_over_time: overTime(), min_over_time: overTime(), max_over_time: overTime(), sum_over_time: overTime(), count_over_time: overTime(),
  last_over_time: overTime(), stddev_over_time: overTime(), stdvar_over_time: overTime(), present_over_time: overTime(),
  quantile_over_time: { args: ['scalar', 'matrix'], returns: 'vector' },
  predict_linear: { args: ['matrix', 'scalar'], returns: 'vector' },
  holt_winters: { args: ['matrix', 'scalar', 'scalar'], returns: 'vector' },
  histogram_quantile: { args: ['scalar', 'vector'], returns: 'vector' },
  // Native histograms (Prometheus 2.40).
  histogram_count: keepVector(), histogram_sum: keepVector(),
  histogram_fraction: { args: ['scalar', 'scalar', 'vector'], returns: 'vector' },
  absent: { args: ['vector'], returns: 'vector', labels: 'absent' },
  absent_over_time: { args: ['matrix'], returns: 'vector', labels: 'absent' },
  label_replace: { args: ['vector', 'string', 'string', 'string', 'string'], returns: 'vector' },
  label_join: { args: ['vector', 'string', 'string', 'string'], optional: 1, variadic: true, returns: 'vector' },
  scalar: { args: ['vector'], returns: 'scalar' },
  vector: { args: ['scalar'], returns: 'vector', labels: 'none' },
  time: { args: [], returns: 'scalar' },
  pi: { args: [], returns: 'scalar' },
};

/** Functions over a range that only make sense on counters (lint uses this). */
export const COUNTER_FUNCTIONS: ReadonlySet<string> = new Set(['rate', 'irate', 'increase', 'resets']);
/** Functions over a range meant for gauges. */
export const GAUGE_FUNCTIONS: ReadonlySet<string> = new Set(['delta', 'idelta', 'deriv', 'predict_linear', 'holt_winters']);
