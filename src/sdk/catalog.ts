import { BUCKET_LABEL, HISTOGRAM_SUFFIXES, type TARGET_LABELS } from './conventions.ts';
import type { Duration } from './duration.ts';
import type { RangeVector } from './promql/expression.ts';
import { select, type Matchers, type Selector } from './promql/selector.ts';
import { noteDeclared } from './declarations.ts';
import { callSite, type SourceLocation } from './source-location.ts';

export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Labels every scraped series carries: `job` and `instance`. */
export type TargetLabel = (typeof TARGET_LABELS)[number];

/** Properties shared by every metric in the catalog. */
export interface MetricProps<N extends string, L extends string> {
  /** Metric name as exposed, e.g. `sync_operations_total`. */
  readonly name: N;
  /** Help text: the `# HELP` line, and the description in dashboards and docs. */
  readonly help: string;
  /** Label names the metric carries; scraping adds `job` and `instance`. Default: none. */
  readonly labels?: readonly L[];
  /**
   * The exporter that owns the metric when it is not the monitored service (`node_exporter`,
   * `prometheus`). External metrics may be queried but are not instrumented. Default: undefined,
   * the service itself exports it.
   */
  readonly external?: string;
}

/** A histogram's properties: its buckets. */
export interface HistogramProps<N extends string, L extends string> extends MetricProps<N, L> {
  /** Upper bounds of the buckets, ascending; `+Inf` is implied. */
  readonly buckets: readonly number[];
}

/** A metric of the catalog: the single source of truth for its name, type and labels. */
export class Metric<N extends string = string, T extends MetricType = MetricType, L extends string = string> {
  readonly kind = 'metric' as const;
  readonly name: N;
  readonly help: string;
  readonly labels: readonly L[];
  readonly external: string | undefined;
  readonly buckets: readonly number[] | undefined;
  readonly source: SourceLocation | undefined;

  constructor(
    readonly type: T,
    props: MetricProps<N, L> & { readonly buckets?: readonly number[] },
    source: SourceLocation | undefined,
  ) {
    this.name = props.name;
    this.help = props.help;
    this.labels = props.labels ?? [];
    this.external = props.external;
    this.buckets = props.buckets;
    this.source = source;
  }

  /** Select the metric's series, optionally narrowed by label matchers. */
  select(this: Metric<N, 'counter' | 'gauge', L>, matchers?: Matchers<L | TargetLabel>): Selector<L | TargetLabel, T extends 'counter' ? 'counter' : 'gauge'> {
    return select(this.name, matchers);
  }

  /** The metric's samples over the last `duration`: `name[duration]`. */
  range(this: Metric<N, 'counter' | 'gauge', L>, duration: Duration): RangeVector<L | TargetLabel, T extends 'counter' ? 'counter' : 'gauge'> {
    return select<L | TargetLabel, T extends 'counter' ? 'counter' : 'gauge'>(this.name).range(duration);
  }

  /** A histogram's `_bucket` series (cumulative counters, with the `le` label). */
  bucket(this: Metric<N, 'histogram', L>, matchers?: Matchers<L | TargetLabel | typeof BUCKET_LABEL>): Selector<L | TargetLabel | typeof BUCKET_LABEL, 'counter'> {
    return select(`${this.name}${HISTOGRAM_SUFFIXES.bucket}`, matchers);
  }

  /** A histogram's `_count` series: how many observations (a counter). */
  count(this: Metric<N, 'histogram', L>, matchers?: Matchers<L | TargetLabel>): Selector<L | TargetLabel, 'counter'> {
    return select(`${this.name}${HISTOGRAM_SUFFIXES.count}`, matchers);
  }

  /** A histogram's `_sum` series: the total of all observations (a counter). */
  sum(this: Metric<N, 'histogram', L>, matchers?: Matchers<L | TargetLabel>): Selector<L | TargetLabel, 'counter'> {
    return select(`${this.name}${HISTOGRAM_SUFFIXES.sum}`, matchers);
  }
}

export type Counter<N extends string = string, L extends string = string> = Metric<N, 'counter', L>;
export type Gauge<N extends string = string, L extends string = string> = Metric<N, 'gauge', L>;
export type Histogram<N extends string = string, L extends string = string> = Metric<N, 'histogram', L>;

/** A counter: a value that only goes up (and resets to zero on restart). Name it `..._total`. */
export function counter<const N extends string, const L extends string = never>(props: MetricProps<N, L>): Counter<N, L> {
  return noteDeclared(new Metric('counter', props, callSite()));
}

/** A gauge: a value that goes up and down. */
export function gauge<const N extends string, const L extends string = never>(props: MetricProps<N, L>): Gauge<N, L> {
  return noteDeclared(new Metric('gauge', props, callSite()));
}

/** A histogram: observations counted into buckets, with `_bucket`, `_sum` and `_count` series. */
export function histogram<const N extends string, const L extends string = never>(props: HistogramProps<N, L>): Histogram<N, L> {
  return noteDeclared(new Metric('histogram', props, callSite()));
}

/** Labels a metric's series carry, scraping's `job` and `instance` included. */
export type LabelsOf<M> = M extends Metric<string, MetricType, infer L> ? L | TargetLabel : never;
