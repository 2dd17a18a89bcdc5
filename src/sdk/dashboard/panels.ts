import type { BUCKET_LABEL } from '../conventions.ts';
import type { InstantVector } from '../promql/expression.ts';
import type { Query } from './query.ts';
import type { Unit } from './units.ts';

/** A colour from a value up: the first step's value is ignored (it is the base). */
export interface ThresholdStep {
  readonly value: number | null;
  readonly color: 'green' | 'yellow' | 'orange' | 'red' | 'blue' | 'purple' | 'text';
}

export interface PanelProps {
  /** Panel title. */
  readonly title: string;
  /** Shown on hover of the title. Default: none. */
  readonly description?: string;
  /** Columns of Grafana's 24-column grid. Default 12 (half the width). */
  readonly width?: number;
  /** Grid rows (30 px each). Default 8. */
  readonly height?: number;
}

export interface ValueProps extends PanelProps {
  /** What the values are in. Default `short`. */
  readonly unit?: Unit;
  /** Decimals shown. Default: Grafana's choice. */
  readonly decimals?: number;
  /** Axis or gauge minimum. Default: from the data. */
  readonly min?: number;
  /** Axis or gauge maximum. Default: from the data. */
  readonly max?: number;
  /** Colour steps from the base up. Default: green only. */
  readonly thresholds?: readonly ThresholdStep[];
  /** The queries drawn. */
  readonly queries: readonly Query[];
}

export interface TimeseriesProps extends ValueProps {
  /** Legend placement and the figures it shows. Default: bottom, no figures. */
  readonly legend?: { readonly placement?: 'bottom' | 'right'; readonly calcs?: readonly ('mean' | 'max' | 'min' | 'last' | 'sum')[]; readonly show?: boolean };
  /** Stack series: `normal` adds them up, `percent` shows shares. Default none. */
  readonly stacking?: 'none' | 'normal' | 'percent';
  /** Draw the thresholds as lines on the graph. Default false. */
  readonly thresholdLines?: boolean;
}

export interface StatProps extends ValueProps {
  /** Colour the value or its background by threshold. Default value. */
  readonly colorMode?: 'value' | 'background' | 'none';
}

export interface BarGaugeProps extends ValueProps {
  /** Bar direction. Default horizontal. */
  readonly orientation?: 'horizontal' | 'vertical';
}

export interface TableProps extends PanelProps {
  readonly unit?: Unit;
  readonly queries: readonly Query[];
}

export interface HeatmapProps extends PanelProps {
  /** The rate of a histogram's buckets, aggregated by `le` (and nothing else). */
  readonly buckets: InstantVector<typeof BUCKET_LABEL>;
  /** Unit of the bucket bounds. Default `s`. */
  readonly unit?: Unit;
}

export interface TextProps extends PanelProps {
  /** Markdown. */
  readonly content: string;
}

export type PanelSpec =
  | ({ readonly type: 'timeseries' } & TimeseriesProps)
  | ({ readonly type: 'stat' } & StatProps)
  | ({ readonly type: 'gauge' } & ValueProps)
  | ({ readonly type: 'bargauge' } & BarGaugeProps)
  | ({ readonly type: 'table' } & TableProps)
  | ({ readonly type: 'heatmap' } & HeatmapProps)
  | ({ readonly type: 'text' } & TextProps);

/** Panel builders, as `panel.timeseries(...)` (a namespace: `gauge` is also a metric type). */
export const panel = {
  /** A graph over time. */
  timeseries: (props: TimeseriesProps): PanelSpec => ({ type: 'timeseries', ...props }),
  /** One big number (the last value), coloured by threshold. */
  stat: (props: StatProps): PanelSpec => ({ type: 'stat', ...props }),
  /** A dial between min and max. */
  gauge: (props: ValueProps): PanelSpec => ({ type: 'gauge', ...props }),
  /** Bars per series, for comparing connectors. */
  barGauge: (props: BarGaugeProps): PanelSpec => ({ type: 'bargauge', ...props }),
  /** A table of the queries' last values. */
  table: (props: TableProps): PanelSpec => ({ type: 'table', ...props }),
  /** A histogram's buckets over time. */
  heatmap: (props: HeatmapProps): PanelSpec => ({ type: 'heatmap', ...props }),
  /** Markdown. */
  text: (props: TextProps): PanelSpec => ({ type: 'text', ...props }),
};
