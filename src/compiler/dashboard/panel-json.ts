/**
 * A panel as Grafana's JSON model. Each kind's options and field config are typed against
 * @grafana/schema's panel configs, so a misspelt option or a wrong value is a compile error here.
 * Options are Partial: what is left out takes Grafana's default when the dashboard loads.
 */
import {
  BarGaugeDisplayMode, BigValueColorMode, HeatmapCellLayout, BigValueGraphMode, GraphThresholdsStyleMode, LegendDisplayMode, SortOrder, StackingMode, ThresholdsMode,
  TooltipDisplayMode, VizOrientation, type DataSourceRef, type FieldConfigSource, type Panel, type ThresholdsConfig,
} from '@grafana/schema';
import type { Options as BarGaugeOptions } from '@grafana/schema/dist/esm/raw/composable/bargauge/panelcfg/x/BarGaugePanelCfg_types.gen';
import type { Options as GaugeOptions } from '@grafana/schema/dist/esm/raw/composable/gauge/panelcfg/x/GaugePanelCfg_types.gen';
import { HeatmapColorMode, HeatmapColorScale, type Options as HeatmapOptions } from '@grafana/schema/dist/esm/raw/composable/heatmap/panelcfg/x/HeatmapPanelCfg_types.gen';
import type { Options as StatOptions } from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type { Options as TableOptions } from '@grafana/schema/dist/esm/raw/composable/table/panelcfg/x/TablePanelCfg_types.gen';
import { TextMode, type Options as TextOptions } from '@grafana/schema/dist/esm/raw/composable/text/panelcfg/x/TextPanelCfg_types.gen';
import type { FieldConfig as TimeSeriesFieldConfig, Options as TimeSeriesOptions } from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';
import type { PanelSpec, ValueProps } from '../../sdk/dashboard/panels.ts';
import type { Thresholds } from '../../sdk/dashboard/thresholds.ts';
import type { GridPos } from './layout.ts';
import { panelExpressions } from './panel-queries.ts';

/** Grafana's Prometheus query model (the datasource plugin's, not in @grafana/schema). */
interface PrometheusTarget extends Record<string, unknown> {
  refId: string;
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  range: boolean;
  instant: boolean;
  format: 'time_series' | 'table' | 'heatmap';
}

type Options = Partial<TimeSeriesOptions | StatOptions | GaugeOptions | BarGaugeOptions | TableOptions | HeatmapOptions | TextOptions>;

const STACKING = { none: StackingMode.None, normal: StackingMode.Normal, percent: StackingMode.Percent } as const;
const COLOR_MODE = { value: BigValueColorMode.Value, background: BigValueColorMode.Background, none: BigValueColorMode.None } as const;

const LAST_VALUE = { calcs: ['lastNotNull'], fields: '', values: false };

function thresholdsConfig(thresholds: Thresholds | undefined): ThresholdsConfig {
  // Grafana's first step has no value: it is the colour from minus infinity up.
  const base = { value: null, color: thresholds?.base ?? 'green' };
  return { mode: ThresholdsMode.Absolute, steps: [base, ...(thresholds?.steps ?? []).map((s) => ({ value: s.value, color: s.color }))] };
}

function valueDefaults(panel: ValueProps, defaultUnit = 'short'): FieldConfigSource['defaults'] {
  return {
    unit: panel.unit ?? defaultUnit,
    ...(panel.decimals === undefined ? {} : { decimals: panel.decimals }),
    ...(panel.min === undefined ? {} : { min: panel.min }),
    ...(panel.max === undefined ? {} : { max: panel.max }),
    thresholds: thresholdsConfig(panel.thresholds),
  };
}

function targets(panel: PanelSpec, datasource: DataSourceRef): PrometheusTarget[] {
  const table = panel.type === 'table';
  return panelExpressions(panel).map((q, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource,
    expr: q.expr,
    ...(q.legend === undefined ? {} : { legendFormat: q.legend }),
    range: !(q.instant || table),
    instant: q.instant || table,
    format: panel.type === 'heatmap' ? 'heatmap' : table ? 'table' : 'time_series',
  }));
}

function display(panel: PanelSpec): { options: Options; fieldConfig: FieldConfigSource } {
  switch (panel.type) {
    case 'timeseries': {
      const stacking = panel.stacking ?? 'none';
      const custom: Partial<TimeSeriesFieldConfig> = {
        stacking: { mode: STACKING[stacking], group: 'A' },
        thresholdsStyle: { mode: panel.thresholdLines ? GraphThresholdsStyleMode.Dashed : GraphThresholdsStyleMode.Off },
        fillOpacity: stacking === 'none' ? 10 : 30,
      };
      const calcs = [...(panel.legend?.calcs ?? [])];
      const options: Partial<TimeSeriesOptions> = {
        legend: { showLegend: panel.legend?.show ?? true, displayMode: calcs.length ? LegendDisplayMode.Table : LegendDisplayMode.List, placement: panel.legend?.placement ?? 'bottom', calcs },
        tooltip: { mode: TooltipDisplayMode.Multi, sort: SortOrder.Descending },
      };
      return { options, fieldConfig: { defaults: { ...valueDefaults(panel), custom }, overrides: [] } };
    }
    case 'stat': {
      const options: Partial<StatOptions> = {
        colorMode: COLOR_MODE[panel.colorMode ?? 'value'],
        graphMode: panel.sparkline === false ? BigValueGraphMode.None : BigValueGraphMode.Area,
        reduceOptions: LAST_VALUE,
      };
      return { options, fieldConfig: { defaults: valueDefaults(panel), overrides: [] } };
    }
    case 'gauge': {
      const options: Partial<GaugeOptions> = { showThresholdMarkers: true, reduceOptions: LAST_VALUE };
      return { options, fieldConfig: { defaults: valueDefaults(panel), overrides: [] } };
    }
    case 'bargauge': {
      const options: Partial<BarGaugeOptions> = {
        orientation: panel.orientation === 'vertical' ? VizOrientation.Vertical : VizOrientation.Horizontal,
        displayMode: BarGaugeDisplayMode.Gradient,
        reduceOptions: LAST_VALUE,
      };
      return { options, fieldConfig: { defaults: valueDefaults(panel), overrides: [] } };
    }
    case 'table': {
      const options: Partial<TableOptions> = { showHeader: true };
      return { options, fieldConfig: { defaults: { unit: panel.unit ?? 'short' }, overrides: [] } };
    }
    case 'heatmap': {
      // The buckets are already counted by Prometheus: Grafana draws them, each up to its `le`, not bucketing again.
      const options: Partial<HeatmapOptions> = { calculate: false, rowsFrame: { layout: HeatmapCellLayout.le }, yAxis: { unit: panel.unit ?? 's' }, cellGap: 1, color: { mode: HeatmapColorMode.Scheme, scheme: 'Oranges', scale: HeatmapColorScale.Exponential, exponent: 0.5, fill: 'dark-orange', reverse: false, steps: 64 } };
      return { options, fieldConfig: { defaults: {}, overrides: [] } };
    }
    case 'text': {
      const options: Partial<TextOptions> = { mode: TextMode.Markdown, content: panel.content };
      return { options, fieldConfig: { defaults: {}, overrides: [] } };
    }
  }
}

/** The panel at its place, querying `datasource`. */
export function panelJson(panel: PanelSpec, id: number, gridPos: GridPos, datasource: DataSourceRef): Panel {
  const { options, fieldConfig } = display(panel);
  const queries = targets(panel, datasource);
  return {
    id,
    type: panel.type,
    title: panel.title,
    ...(panel.description ? { description: panel.description } : {}),
    gridPos,
    ...(queries.length ? { datasource } : {}),
    targets: queries,
    fieldConfig,
    options: options as Record<string, unknown>,
  };
}
