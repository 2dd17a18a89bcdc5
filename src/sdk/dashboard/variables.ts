/**
 * Dashboard template variables. Each one knows how queries use it: `ref` is its `$name`, and the
 * ones that pick label values offer a `matcher` for a selector, so
 * `metric.select({ connector: connectorVariable.matcher })` follows the viewer's choice.
 */
import type { Metric, MetricType, TargetLabel } from '../catalog.ts';
import type { Duration } from '../duration.ts';
import { eq, re, type Matcher } from '../promql/selector.ts';

interface VariableBase<N extends string> {
  /** The variable's name: queries use it as `$name`. Letters, digits and _. */
  readonly name: N;
  /** `$name`, for use in a query. */
  readonly ref: `$${N}`;
  /** Shown beside the picker. Default: the name. */
  readonly label: string | undefined;
}

interface Choice {
  /** Allow picking several values. */
  readonly multi: boolean;
  /** Offer "All". */
  readonly includeAll: boolean;
  /** Matches the picked values: a regex (`=~"$name"`) when several may be picked, else equality. */
  readonly matcher: Matcher;
}

/** Lets the viewer pick the Prometheus datasource; the dashboard's panels then query the one picked. */
export interface DatasourceVariable<N extends string = string> extends VariableBase<N> {
  readonly type: 'datasource';
}

/** The values of a catalog metric's label, `label_values(metric, label)`. */
export interface LabelValuesVariable<N extends string = string> extends VariableBase<N>, Choice {
  readonly type: 'label_values';
  /** The series the values are read from (a histogram's _count series). */
  readonly series: string;
  /** The label whose values are offered. */
  readonly labelName: string;
}

/** A custom variable's option whose text, shown in the picker, differs from its value, which queries get. */
export interface CustomOption {
  readonly text: string;
  readonly value: string;
}

/** A fixed list of values. */
export interface CustomVariable<N extends string = string> extends VariableBase<N>, Choice {
  readonly type: 'custom';
  /** The values offered, each a plain value or `{ text, value }`; the first is picked at first. */
  readonly values: readonly (string | CustomOption)[];
}

/** A choice of durations, for range selectors: `metric.range(window.duration)`. */
export interface IntervalVariable<N extends string = string> extends VariableBase<N> {
  readonly type: 'interval';
  /** The durations offered; the first is picked at first. */
  readonly values: readonly Duration[];
  /**
   * `$name` typed as a Duration, so it fits `.range()`; Grafana substitutes the picked duration at
   * query time, and the build stands in a real one to parse the query.
   */
  readonly duration: Duration;
}

export type Variable = DatasourceVariable | LabelValuesVariable | CustomVariable | IntervalVariable;

/**
 * Grafana's own rate window: at least four scrape intervals, and wider when zoomed out. Use it in
 * `rate(metric.range(RATE_INTERVAL))` for graphs that stay correct at every zoom.
 */
export const RATE_INTERVAL = '$__rate_interval' as Duration;

/** Grafana's built-in variables a query may use. */
/** Grafana's own variables that stand for a duration (5m), fit for a range or an offset. */
export const BUILTIN_DURATION_VARIABLES = ['__interval', '__range', '__rate_interval'] as const;
/** Grafana's own variables that stand for a number: of milliseconds or seconds, or a time in epoch milliseconds. */
export const BUILTIN_NUMBER_VARIABLES = ['__interval_ms', '__range_s', '__range_ms', '__rate_interval_ms', '__from', '__to'] as const;
export const BUILTIN_VARIABLES = [...BUILTIN_DURATION_VARIABLES, ...BUILTIN_NUMBER_VARIABLES] as const;

const ref = <N extends string>(name: N): `$${N}` => `$${name}`;

const choice = (name: string, multi: boolean, includeAll: boolean): Choice => ({
  multi,
  includeAll,
  matcher: multi || includeAll ? re(ref(name)) : eq(ref(name)),
});

export interface DatasourceVariableProps<N extends string> {
  /** Variable name. Default `datasource`. */
  readonly name?: N;
  /** Shown beside the picker. Default `Data source`. */
  readonly label?: string;
}

/** Lets the viewer pick the Prometheus datasource; by default, the provisioned one. */
export function datasourceVariable<const N extends string = 'datasource'>(props: DatasourceVariableProps<N> = {}): DatasourceVariable<N> {
  const name = props.name ?? ('datasource' as N);
  return { type: 'datasource', name, ref: ref(name), label: props.label ?? 'Data source' };
}

export interface LabelValuesProps<N extends string, L extends string> {
  /** Variable name; queries use `$name`. */
  readonly name: N;
  /** The catalog metric whose label values are offered. */
  readonly metric: Metric<string, MetricType, L>;
  /** One of the metric's labels (or a target label): any other name is a compile error. */
  readonly label: NoInfer<L> | TargetLabel;
  /** Shown beside the picker. Default: the name. */
  readonly title?: string;
  /** Allow picking several. Default true. */
  readonly multi?: boolean;
  /** Offer "All". Default true. */
  readonly includeAll?: boolean;
}

/** The values of a catalog metric's label (`label_values(metric, label)`). */
export function labelValues<const N extends string, L extends string>(props: LabelValuesProps<N, L>): LabelValuesVariable<N> {
  // A histogram has no series of its own name; its _count series carries every label but le.
  const series = props.metric.type === 'histogram' ? `${props.metric.name}_count` : props.metric.name;
  const multi = props.multi ?? true;
  const includeAll = props.includeAll ?? true;
  return { type: 'label_values', name: props.name, ref: ref(props.name), label: props.title, series, labelName: props.label, ...choice(props.name, multi, includeAll) };
}

export interface CustomVariableProps<N extends string> {
  /** Variable name; queries use `$name`. */
  readonly name: N;
  /**
   * The values offered; the first is picked at first. `{ text, value }` shows `text` in the picker
   * and gives queries `value` (Grafana's `text : value`).
   */
  readonly values: readonly (string | CustomOption)[];
  /** Shown beside the picker. Default: the name. */
  readonly label?: string;
  /** Allow picking several. Default false. */
  readonly multi?: boolean;
  /** Offer "All". Default false. */
  readonly includeAll?: boolean;
}

/** A fixed list of values. */
export function customVariable<const N extends string>(props: CustomVariableProps<N>): CustomVariable<N> {
  const multi = props.multi ?? false;
  const includeAll = props.includeAll ?? false;
  return { type: 'custom', name: props.name, ref: ref(props.name), label: props.label, values: props.values, ...choice(props.name, multi, includeAll) };
}

export interface IntervalVariableProps<N extends string> {
  /** Variable name; queries use `$name`, or `.duration` in a range. */
  readonly name: N;
  /** The durations offered; the first is picked at first. */
  readonly values: readonly Duration[];
  /** Shown beside the picker. Default: the name. */
  readonly label?: string;
}

/** A choice of durations, e.g. for rate windows. */
export function intervalVariable<const N extends string>(props: IntervalVariableProps<N>): IntervalVariable<N> {
  return { type: 'interval', name: props.name, ref: ref(props.name), label: props.label, values: props.values, duration: ref(props.name) as Duration };
}
