import { formatNumber, InstantVector, PRECEDENCE } from './expression.ts';

/** Keep only these labels (`by (...)`). */
export interface By<K extends string> {
  readonly by: readonly K[];
}
/** Drop these labels and keep the rest (`without (...)`). */
export interface Without<K extends string> {
  readonly without: readonly K[];
}

/** `by (...)` or `without (...)`, over labels the aggregated expression carries. */
export type GroupingOf<L extends string> = By<L> | Without<L>;

/** Labels an aggregation keeps: none without grouping, the `by` labels, or all but the `without` ones. */
export type Aggregated<L extends string, G> = G extends By<infer K> ? K : G extends Without<infer K> ? Exclude<L, K> : never;

/**
 * An aggregation over series. One signature rather than overloads, so a wrong label gets
 * TypeScript's plain "not assignable" message naming the labels that are available.
 */
export type Aggregation = <L extends string, const G extends GroupingOf<L> | undefined = undefined>(v: InstantVector<L>, grouping?: G) => InstantVector<Aggregated<L, G>>;

/** topk/bottomk keep the selected series whole: their labels stay, grouping only partitions. */
export type Selection = <L extends string>(k: number, v: InstantVector<L>, grouping?: GroupingOf<L>) => InstantVector<L>;

/** quantile by a parameter: like an aggregation, with φ first. */
export type ParameterAggregation = <L extends string, const G extends GroupingOf<L> | undefined = undefined>(
  parameter: number,
  v: InstantVector<L>,
  grouping?: G,
) => InstantVector<Aggregated<L, G>>;

type Grouping = Partial<By<string> & Without<string>> | undefined;

function groupingText(grouping: Grouping): string {
  if (grouping?.by) return ` by (${grouping.by.join(', ')})`;
  if (grouping?.without) return ` without (${grouping.without.join(', ')})`;
  return '';
}

function aggregateText(op: string, v: InstantVector, grouping: Grouping, parameter?: number): string {
  const args = parameter === undefined ? v.text : `${formatNumber(parameter)}, ${v.text}`;
  return `${op}${groupingText(grouping)} (${args})`;
}

function aggregation(op: string): Aggregation {
  return ((v: InstantVector, grouping?: Grouping) => new InstantVector(aggregateText(op, v, grouping), PRECEDENCE.atom)) as Aggregation;
}

function parameterAggregation(op: string) {
  return (parameter: number, v: InstantVector, grouping?: Grouping) => new InstantVector(aggregateText(op, v, grouping, parameter), PRECEDENCE.atom);
}

export const sum = aggregation('sum');
export const avg = aggregation('avg');
export const min = aggregation('min');
export const max = aggregation('max');
export const count = aggregation('count');
export const group = aggregation('group');
export const stddev = aggregation('stddev');
export const stdvar = aggregation('stdvar');
/** The k largest series (per group). */
export const topk = parameterAggregation('topk') as Selection;
/** The k smallest series (per group). */
export const bottomk = parameterAggregation('bottomk') as Selection;
/** The φ-quantile over series (per group). */
export const quantile = parameterAggregation('quantile') as ParameterAggregation;
