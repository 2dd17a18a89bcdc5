import type { Metric, MetricType, TargetLabel } from '../catalog.ts';

/** A dashboard template variable; queries use it as `$name`. */
export type Variable =
  | { readonly type: 'datasource'; readonly name: string }
  | { readonly type: 'query'; readonly name: string; readonly label: string; readonly metric: string; readonly multi: boolean; readonly includeAll: boolean }
  | { readonly type: 'custom'; readonly name: string; readonly values: readonly string[] }
  | { readonly type: 'interval'; readonly name: string; readonly values: readonly string[] };

/** Lets the viewer pick the Prometheus datasource. */
export const datasourceVariable = (name = 'datasource'): Variable => ({ type: 'datasource', name });

/** The values of a catalog metric's label (`label_values(metric, label)`): only its labels are accepted. */
export function labelValues<L extends string>(props: {
  /** Variable name; queries use `$name`. */
  readonly name: string;
  readonly metric: Metric<string, MetricType, L>;
  readonly label: NoInfer<L> | TargetLabel;
  /** Allow picking several. Default true. */
  readonly multi?: boolean;
  /** Offer "All". Default true. */
  readonly includeAll?: boolean;
}): Variable {
  const series = props.metric.type === 'histogram' ? `${props.metric.name}_count` : props.metric.name;
  return { type: 'query', name: props.name, label: props.label, metric: series, multi: props.multi ?? true, includeAll: props.includeAll ?? true };
}

/** A fixed list of values. */
export const customVariable = (name: string, values: readonly string[]): Variable => ({ type: 'custom', name, values });

/** A choice of intervals, e.g. for rate windows. */
export const intervalVariable = (name: string, values: readonly string[]): Variable => ({ type: 'interval', name, values });
