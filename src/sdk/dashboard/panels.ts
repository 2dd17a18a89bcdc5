/**
 * Panels: what each kind shows and the options it takes. Positions are never given: the compiler
 * lays panels out from their widths and heights (see src/compiler/dashboard/layout.ts).
 */
import type { BUCKET_LABEL } from '../conventions.ts';
import type { InstantVector } from '../promql/expression.ts';
import { callSite, type SourceLocation } from '../source-location.ts';
import type { Query } from './query.ts';
import type { Thresholds } from './thresholds.ts';
import type { Unit } from './units.ts';

export interface PanelProps {
  /** Panel title; unique within the dashboard, since it also gives the panel its stable id. */
  readonly title: string;
  /** Shown on hover of the title. Default: none. */
  readonly description?: string;
  /** Columns of Grafana's 24-column grid, 1 to 24. Default 12 (half the width). */
  readonly width?: number;
  /** Grid rows (30 px each), at least 1. Default 8. */
  readonly height?: number;
}

export interface ValueProps extends PanelProps {
  /** The queries drawn, at least one. */
  readonly queries: readonly Query[];
  /** What the values are in. Default `short`. */
  readonly unit?: Unit;
  /** Decimals shown. Default: Grafana's choice. */
  readonly decimals?: number;
  /** Axis or gauge minimum. Default: from the data. */
  readonly min?: number;
  /** Axis or gauge maximum. Default: from the data. */
  readonly max?: number;
  /** Colours by value. Default: green throughout. */
  readonly thresholds?: Thresholds;
}

/** The figures a legend can show beside each series. */
export type LegendCalc = 'mean' | 'max' | 'min' | 'last' | 'lastNotNull' | 'sum';

export interface Legend {
  /** Show the legend. Default true. */
  readonly show?: boolean;
  /** Where it goes. Default `bottom`. */
  readonly placement?: 'bottom' | 'right';
  /** Figures shown per series; with any, the legend is a table. Default: none. */
  readonly calcs?: readonly LegendCalc[];
}

export interface TimeseriesProps extends ValueProps {
  /** The legend. Default: shown at the bottom, no figures. */
  readonly legend?: Legend;
  /** Stack series: `normal` adds them up, `percent` shows shares. Default `none`. */
  readonly stacking?: 'none' | 'normal' | 'percent';
  /** Draw the thresholds as dashed lines on the graph. Default false. */
  readonly thresholdLines?: boolean;
}

export interface StatProps extends ValueProps {
  /** Colour the value, its background, or neither, by threshold. Default `value`. */
  readonly colorMode?: 'value' | 'background' | 'none';
  /** Draw the series faintly behind the number. Default true. */
  readonly sparkline?: boolean;
}

export interface BarGaugeProps extends ValueProps {
  /** Bar direction. Default `horizontal`. */
  readonly orientation?: 'horizontal' | 'vertical';
}

export interface TableProps extends PanelProps {
  /** The queries, each evaluated once at the end of the range; a row per series. */
  readonly queries: readonly Query[];
  /** What the values are in. Default `short`. */
  readonly unit?: Unit;
}

export interface HeatmapProps extends PanelProps {
  /** The rate of a histogram's buckets, aggregated by `le` and nothing else: `sum by (le) (rate(h.bucket().range(..)))`. */
  readonly buckets: InstantVector<typeof BUCKET_LABEL>;
  /** Unit of the bucket bounds. Default `s`. */
  readonly unit?: Unit;
}

export interface TextProps extends PanelProps {
  /** Markdown. */
  readonly content: string;
}

type Spec<T extends string, P> = P & {
  readonly type: T;
  /** Where the panel was written, for error messages. */
  readonly source: SourceLocation | undefined;
};

export type TimeseriesPanel = Spec<'timeseries', TimeseriesProps>;
export type StatPanel = Spec<'stat', StatProps>;
export type GaugePanel = Spec<'gauge', ValueProps>;
export type BarGaugePanel = Spec<'bargauge', BarGaugeProps>;
export type TablePanel = Spec<'table', TableProps>;
export type HeatmapPanel = Spec<'heatmap', HeatmapProps>;
export type TextPanel = Spec<'text', TextProps>;

export type PanelSpec = TimeseriesPanel | StatPanel | GaugePanel | BarGaugePanel | TablePanel | HeatmapPanel | TextPanel;

const spec = <T extends string, P extends PanelProps>(type: T, props: P): Spec<T, P> => ({ ...props, type, source: callSite() });

/** Panel builders, as `panel.timeseries(...)` (a namespace: `gauge` is also a metric type). */
export const panel = {
  /** A graph over time. */
  timeseries: (props: TimeseriesProps): TimeseriesPanel => spec('timeseries', props),
  /** One big number (the last value), coloured by threshold. */
  stat: (props: StatProps): StatPanel => spec('stat', props),
  /** A dial between min and max. */
  gauge: (props: ValueProps): GaugePanel => spec('gauge', props),
  /** A bar per series, for comparing connectors. */
  barGauge: (props: BarGaugeProps): BarGaugePanel => spec('bargauge', props),
  /** A table of the queries' last values. */
  table: (props: TableProps): TablePanel => spec('table', props),
  /** A histogram's buckets over time. */
  heatmap: (props: HeatmapProps): HeatmapPanel => spec('heatmap', props),
  /** Markdown. */
  text: (props: TextProps): TextPanel => spec('text', props),
};
