import type { InstantVector } from '../promql/expression.ts';

/** A panel query: a PromQL expression and how each series is named in the legend. */
export interface Query {
  readonly kind: 'query';
  readonly expr: string;
  /** Grafana legend format, e.g. `{{connector}} {{operation}}`; undefined for Grafana's default. */
  readonly legend: string | undefined;
  /** Evaluate once at the end of the range (stat, gauge, table) rather than over it. */
  readonly instant: boolean;
}

/** The series' labels as legend placeholders: naming a label the query dropped is a type error. */
export type LegendLabels<L extends string> = { readonly [K in L]: string };

export interface QueryOptions<L extends string> {
  /**
   * Legend per series, from its labels: `(l) => `${l.connector} ${l.operation}`` (checked by the
   * type checker), or a Grafana format string (checked at build time). Default: Grafana's.
   */
  readonly legend?: ((labels: LegendLabels<L>) => string) | string;
  /** Evaluate at the end of the range only. Default false. */
  readonly instant?: boolean;
}

// Each property read yields its Grafana placeholder, so a legend function prints `{{label}}`.
const legendPlaceholders = new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? `{{${name}}}` : undefined) });

/** A query over a typed expression, or raw PromQL (parsed and catalog-checked at build time). */
export function query<L extends string>(expr: InstantVector<L> | string, options: QueryOptions<L> = {}): Query {
  const legend = typeof options.legend === 'function' ? options.legend(legendPlaceholders as LegendLabels<L>) : options.legend;
  return { kind: 'query', expr: typeof expr === 'string' ? expr : expr.text, legend, instant: options.instant ?? false };
}
