import type { BUCKET_LABEL } from '../conventions.ts';
import type { Duration } from '../duration.ts';
import { formatNumber, InstantVector, PRECEDENCE, RangeVector, Scalar, type Expression, type ScalarLike } from './expression.ts';

function call(name: string, ...args: (Expression | number | string)[]): string {
  const text = args.map((arg) => (typeof arg === 'number' ? formatNumber(arg) : typeof arg === 'string' ? JSON.stringify(arg) : arg.text));
  return `${name}(${text.join(', ')})`;
}

function vectorCall<L extends string>(name: string, ...args: (Expression | number | string)[]): InstantVector<L> {
  return new InstantVector<L>(call(name, ...args), PRECEDENCE.atom);
}

/** Per-second average rate of increase of a counter over the range. */
export const rate = <L extends string>(range: RangeVector<L, 'counter'>): InstantVector<L> => vectorCall('rate', range);
/** Per-second rate from the last two samples of a counter: for fast-moving graphs, not alerts. */
export const irate = <L extends string>(range: RangeVector<L, 'counter'>): InstantVector<L> => vectorCall('irate', range);
/** How much a counter increased over the range. */
export const increase = <L extends string>(range: RangeVector<L, 'counter'>): InstantVector<L> => vectorCall('increase', range);
/** How many times a counter reset over the range. */
export const resets = <L extends string>(range: RangeVector<L, 'counter'>): InstantVector<L> => vectorCall('resets', range);
/** Difference between the first and last value of a gauge over the range. */
export const delta = <L extends string>(range: RangeVector<L, 'gauge'>): InstantVector<L> => vectorCall('delta', range);
/** Per-second derivative of a gauge over the range (simple linear regression). */
export const deriv = <L extends string>(range: RangeVector<L, 'gauge'>): InstantVector<L> => vectorCall('deriv', range);
/** The gauge's value `seconds` from now, by linear regression over the range. */
export const predictLinear = <L extends string>(range: RangeVector<L, 'gauge'>, seconds: ScalarLike): InstantVector<L> =>
  vectorCall('predict_linear', range, seconds);
/** How many times the value changed over the range. */
export const changes = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('changes', range);

/** Aggregations of each series over time: `avg_over_time(x[5m])` and friends. */
export const avgOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('avg_over_time', range);
export const minOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('min_over_time', range);
export const maxOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('max_over_time', range);
export const sumOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('sum_over_time', range);
export const countOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('count_over_time', range);
export const lastOverTime = <L extends string>(range: RangeVector<L>): InstantVector<L> => vectorCall('last_over_time', range);
export const quantileOverTime = <L extends string>(q: number, range: RangeVector<L>): InstantVector<L> => vectorCall('quantile_over_time', q, range);

/**
 * 1 when the selected series does not exist. The result carries only the labels of the selector's
 * equality matchers, so the type offers none; the compiler knows them exactly at build time.
 */
export const absent = (vector: InstantVector<string>): InstantVector<never> => vectorCall('absent', vector);
/** 1 when the series had no sample in the whole range. */
export const absentOverTime = (range: RangeVector<string>): InstantVector<never> => vectorCall('absent_over_time', range);

/** The φ-quantile (0 ≤ φ ≤ 1) of a histogram's rate of buckets; `le` must be kept. */
export const histogramQuantile = <L extends string>(
  phi: number,
  buckets: InstantVector<L> & (typeof BUCKET_LABEL extends L ? unknown : { readonly error: 'histogram_quantile needs the le label: aggregate by (le, ...)' }),
): InstantVector<Exclude<L, typeof BUCKET_LABEL>> => vectorCall('histogram_quantile', phi, buckets);

/** Element-wise maths. */
export const abs = <L extends string>(v: InstantVector<L>): InstantVector<L> => vectorCall('abs', v);
export const ceil = <L extends string>(v: InstantVector<L>): InstantVector<L> => vectorCall('ceil', v);
export const floor = <L extends string>(v: InstantVector<L>): InstantVector<L> => vectorCall('floor', v);
export const round = <L extends string>(v: InstantVector<L>, toNearest?: number): InstantVector<L> =>
  toNearest === undefined ? vectorCall('round', v) : vectorCall('round', v, toNearest);
export const clampMin = <L extends string>(v: InstantVector<L>, min: number): InstantVector<L> => vectorCall('clamp_min', v, min);
export const clampMax = <L extends string>(v: InstantVector<L>, max: number): InstantVector<L> => vectorCall('clamp_max', v, max);
export const clamp = <L extends string>(v: InstantVector<L>, min: number, max: number): InstantVector<L> => vectorCall('clamp', v, min, max);
/** Timestamp of each sample, in seconds since the epoch. */
export const timestamp = <L extends string>(v: InstantVector<L>): InstantVector<L> => vectorCall('timestamp', v);

/** Adds or rewrites label `dst` from `src` through a regex. */
export const labelReplace = <L extends string, const D extends string>(v: InstantVector<L>, dst: D, replacement: string, src: L, regex: string): InstantVector<L | D> =>
  vectorCall('label_replace', v, dst, replacement, src, regex);

/** The current evaluation time, in seconds since the epoch. */
export const time = (): Scalar => new Scalar('time()', PRECEDENCE.atom);
/** A single-series vector's value as a scalar. */
export const scalar = (v: InstantVector<string>): Scalar => new Scalar(call('scalar', v), PRECEDENCE.atom);
/** A scalar as a vector with no labels. */
export const vector = (s: ScalarLike): InstantVector<never> => vectorCall('vector', s);

/** `expr[range:resolution]`: evaluate an instant expression over a range, for *_over_time. */
export const subquery = <L extends string>(v: InstantVector<L>, range: Duration, resolution?: Duration): RangeVector<L, 'gauge'> =>
  new RangeVector<L, 'gauge'>(`${v.wrap(PRECEDENCE.atom)}[${range}:${resolution ?? ''}]`, PRECEDENCE.atom);
