/**
 * A dashboard as Grafana's JSON model, typed against @grafana/schema's Dashboard so a malformed
 * field is a compile error here. Panel ids are assigned in order, so they are stable as long as
 * the panels are.
 */
import { VariableHide, VariableRefresh, VariableSort, type Dashboard as GrafanaDashboard, type Panel, type RowPanel, type VariableModel } from '@grafana/schema';
import { GRAFANA_DATASOURCE_UID } from '../../sdk/conventions.ts';
import type { Dashboard } from '../../sdk/dashboard/dashboard.ts';
import type { PanelSpec } from '../../sdk/dashboard/panels.ts';
import type { Variable } from '../../sdk/dashboard/variables.ts';
import { flow, type GridPos } from './layout.ts';

/** Grafana's schema version this JSON follows. */
export const SCHEMA_VERSION = 39;

const DATASOURCE = { type: 'prometheus', uid: GRAFANA_DATASOURCE_UID } as const;

function targets(panel: PanelSpec): NonNullable<Panel['targets']> {
  if (panel.type === 'text') return [];
  if (panel.type === 'heatmap') {
    return [{ refId: 'A', datasource: DATASOURCE, expr: panel.buckets.text, format: 'heatmap', legendFormat: '{{le}}' } as never];
  }
  return panel.queries.map((q, i) => ({
    refId: String.fromCharCode(65 + i),
    datasource: DATASOURCE,
    expr: q.expr,
    ...(q.legend !== undefined ? { legendFormat: q.legend } : {}),
    ...(q.instant || panel.type === 'table' ? { instant: true, range: false } : { range: true }),
    ...(panel.type === 'table' ? { format: 'table' } : {}),
  })) as never;
}

function fieldConfig(panel: PanelSpec): Panel['fieldConfig'] {
  if (panel.type === 'text') return { defaults: {}, overrides: [] };
  const defaults: Record<string, unknown> = { unit: panel.unit ?? (panel.type === 'heatmap' ? 's' : 'short') };
  if ('decimals' in panel && panel.decimals !== undefined) defaults.decimals = panel.decimals;
  if ('min' in panel && panel.min !== undefined) defaults.min = panel.min;
  if ('max' in panel && panel.max !== undefined) defaults.max = panel.max;
  if ('thresholds' in panel) {
    const steps = panel.thresholds?.length ? panel.thresholds.map((s, i) => ({ value: i === 0 ? null : s.value, color: s.color })) : [{ value: null, color: 'green' }];
    defaults.thresholds = { mode: 'absolute', steps };
  }
  if (panel.type === 'timeseries') {
    defaults.custom = { stacking: { mode: panel.stacking ?? 'none', group: 'A' }, thresholdsStyle: { mode: panel.thresholdLines ? 'line' : 'off' }, fillOpacity: panel.stacking && panel.stacking !== 'none' ? 30 : 10 };
  }
  return { defaults: defaults as never, overrides: [] };
}

function options(panel: PanelSpec): Record<string, unknown> {
  switch (panel.type) {
    case 'timeseries':
      return { legend: { showLegend: panel.legend?.show ?? true, displayMode: panel.legend?.calcs?.length ? 'table' : 'list', placement: panel.legend?.placement ?? 'bottom', calcs: [...(panel.legend?.calcs ?? [])] }, tooltip: { mode: 'multi', sort: 'desc' } };
    case 'stat':
      return { colorMode: panel.colorMode ?? 'value', graphMode: 'area', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } };
    case 'gauge':
      return { showThresholdMarkers: true, reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } };
    case 'bargauge':
      return { orientation: panel.orientation ?? 'horizontal', displayMode: 'gradient', reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false } };
    case 'table':
      return { showHeader: true };
    case 'heatmap':
      return { calculate: false, yAxis: { unit: panel.unit ?? 's' }, cellGap: 1, color: { mode: 'scheme', scheme: 'Oranges' } };
    case 'text':
      return { mode: 'markdown', content: panel.content };
  }
}

function toPanel(panel: PanelSpec, id: number, gridPos: GridPos): Panel {
  return {
    id,
    type: panel.type,
    title: panel.title,
    ...(panel.description ? { description: panel.description } : {}),
    gridPos,
    ...(panel.type === 'text' ? {} : { datasource: DATASOURCE }),
    targets: targets(panel),
    fieldConfig: fieldConfig(panel),
    options: options(panel),
  } as Panel;
}

function toVariable(variable: Variable): VariableModel {
  switch (variable.type) {
    case 'datasource':
      return { type: 'datasource', name: variable.name, label: 'Data source', query: 'prometheus', hide: VariableHide.dontHide };
    case 'query':
      return {
        type: 'query', name: variable.name, label: variable.label, datasource: DATASOURCE,
        query: { query: `label_values(${variable.metric}, ${variable.label})`, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
        refresh: VariableRefresh.onTimeRangeChanged, multi: variable.multi, includeAll: variable.includeAll, sort: VariableSort.alphabeticalAsc, hide: VariableHide.dontHide,
      };
    case 'custom':
      return { type: 'custom', name: variable.name, query: variable.values.join(','), options: variable.values.map((v, i) => ({ text: v, value: v, selected: i === 0 })), current: { text: variable.values[0] ?? '', value: variable.values[0] ?? '' }, hide: VariableHide.dontHide };
    case 'interval':
      return { type: 'interval', name: variable.name, query: variable.values.join(','), current: { text: variable.values[0] ?? '', value: variable.values[0] ?? '' }, hide: VariableHide.dontHide };
  }
}

/** Every panel with its computed position, in order; rows included. */
export function layout(dashboard: Dashboard): (Panel | RowPanel)[] {
  const panels: (Panel | RowPanel)[] = [];
  let id = 1;
  const top = flow(dashboard.panels ?? [], 0);
  (dashboard.panels ?? []).forEach((p, i) => panels.push(toPanel(p, id++, top.positions[i]!)));
  let y = top.next;
  for (const row of dashboard.rows ?? []) {
    const rowId = id++;
    const body = flow(row.panels, y + 1);
    const children = row.panels.map((p, i) => toPanel(p, id++, body.positions[i]!));
    const rowPanel: RowPanel = { id: rowId, type: 'row', title: row.title, collapsed: row.collapsed ?? false, gridPos: { x: 0, y, w: 24, h: 1 }, panels: row.collapsed ? children : [] };
    panels.push(rowPanel, ...(row.collapsed ? [] : children));
    y = body.next;
  }
  return panels;
}

export function toGrafana(dashboard: Dashboard, notice: string): GrafanaDashboard & { __generated: string } {
  const alertAnnotations = dashboard.alertAnnotations ?? true;
  return {
    __generated: notice,
    uid: dashboard.uid,
    title: dashboard.title,
    ...(dashboard.description ? { description: dashboard.description } : {}),
    tags: [...(dashboard.tags ?? [])],
    timezone: dashboard.timezone ?? 'browser',
    editable: false,
    graphTooltip: 1,
    time: dashboard.time ?? { from: 'now-6h', to: 'now' },
    refresh: dashboard.refresh ?? '30s',
    schemaVersion: SCHEMA_VERSION,
    links: (dashboard.links ?? []).map((l) => ({ title: l.title, url: l.url, type: 'link', icon: 'external link', asDropdown: false, includeVars: false, keepTime: true, targetBlank: true, tags: [], tooltip: '' })),
    templating: { list: (dashboard.variables ?? []).map(toVariable) },
    annotations: {
      list: alertAnnotations
        ? [{ name: 'Alerts firing', datasource: DATASOURCE, enable: true, iconColor: 'red', expr: 'ALERTS{alertstate="firing"}', titleFormat: '{{alertname}}', textFormat: '{{severity}}', step: '60s', useValueForTime: false } as never]
        : [],
    },
    panels: layout(dashboard),
  };
}
