import type { InstantVector } from '../promql/expression.ts';

/** A panel query: a PromQL expression and how each series is named in the legend. */
export interface Query {
  readonly kind: 'query';
  readonly expr: string;
  /** Grafana legend format, e.g. `{{connector}} {{operation}}`. */
  readonly legend: string | undefined;
  /** Evaluate once at the end of the range (stat, gauge, table) rather than over it. */
  readonly instant: boolean;
  /** Grafana's heatmap format: buckets as series, for heatmap panels. */
  readonly format: 'time_series' | 'heatmap' | 'table';
}

/** The series' labels as legend placeholders: naming a label the query dropped is a type error. */
export type LegendLabels<L extends string> = { readonly [K in L]: string };

export interface QueryOptions<L extends string> {
  /** Legend per series, from its labels: `(l) => `${l.connector} ${l.operation}``. Default: Grafana's. */
  readonly legend?: ((labels: LegendLabels<L>) => string) | string;
  /** Evaluate at the end of the range only. Default false. */
  readonly instant?: boolean;
}

const legendProxy = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `{{${name}}}` : undefined) });

/** A query over a typed expression (or raw PromQL, checked at build time). */
export function query<L extends string>(expr: InstantVector<L> | string, options: QueryOptions<L> = {}): Query {
  const legend = typeof options.legend === 'function' ? options.legend(legendProxy as LegendLabels<L>) : options.legend;
  return { kind: 'query', expr: typeof expr === 'string' ? expr : expr.text, legend, instant: options.instant ?? false, format: 'time_series' };
}
