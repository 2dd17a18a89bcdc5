/**
 * A dashboard as Grafana's JSON model, typed against @grafana/schema's Dashboard so a malformed
 * field is a compile error here. Panel and row ids come from titles (panel-id.ts): stable while
 * panels are added, removed and moved.
 */
import { defaultDashboard, type AnnotationQuery, type Dashboard as GrafanaDashboard, type DataSourceRef, type Panel, type RowPanel } from '@grafana/schema';
import type { Dashboard } from '../../sdk/dashboard/dashboard.ts';
import { selectorText } from '../../sdk/promql/selector.ts';
import { dashboardDatasource } from './datasource.ts';
import { layoutDashboard, type PlacedPanel } from './layout.ts';
import { idAllocator, panelId, rowId } from './panel-id.ts';
import { panelJson } from './panel-json.ts';
import { variableJson } from './variable-json.ts';

/** The schema version of the @grafana/schema this JSON is typed against, so the two cannot disagree. */
const SCHEMA_VERSION = defaultDashboard.schemaVersion;

/** The generated dashboard: Grafana's model plus the generated notice, a member Grafana ignores. */
export type GeneratedDashboard = GrafanaDashboard & { readonly __generated: string; readonly uid: string; readonly title: string };

/** The series of firing alerts, narrowed by the dashboard's label values. */
function alertsExpression(labels: Readonly<Record<string, string>>): string {
  return selectorText('ALERTS', { alertstate: 'firing', ...labels });
}

/** Grafana's Prometheus annotation: the schema's fields and the plugin's own. */
interface PrometheusAnnotation extends AnnotationQuery {
  expr: string;
  titleFormat: string;
  textFormat: string;
  step: string;
  useValueForTime: boolean;
}

function alertAnnotation(dashboard: Dashboard, datasource: DataSourceRef): PrometheusAnnotation[] {
  if (dashboard.alertAnnotation === false) return [];
  return [{ name: 'Alerts firing', datasource, enable: true, iconColor: 'red', expr: alertsExpression(dashboard.alertAnnotation ?? {}), titleFormat: '{{alertname}}', textFormat: '{{severity}}', step: '60s', useValueForTime: false }];
}

/** Every panel at its computed position, rows included, in order. */
export function panelsJson(dashboard: Dashboard, datasource: DataSourceRef): (Panel | RowPanel)[] {
  const layout = layoutDashboard(dashboard);
  const id = idAllocator();
  const toJson = (p: PlacedPanel) => panelJson(p.spec, id(panelId(p.spec.title)), p.gridPos, datasource);
  return [
    ...layout.panels.map(toJson),
    ...layout.rows.flatMap(({ row, gridPos, panels }) => {
      const children = panels.map(toJson);
      // A collapsed row holds its panels; an open one is followed by them.
      const header: RowPanel = { id: id(rowId(row.title)), type: 'row', title: row.title, collapsed: row.collapsed, gridPos, panels: row.collapsed ? children : [] };
      return [header, ...(row.collapsed ? [] : children)];
    }),
  ];
}

export function toGrafana(dashboard: Dashboard, notice: string): GeneratedDashboard {
  const datasource = dashboardDatasource(dashboard);
  return {
    __generated: notice,
    uid: dashboard.uid,
    title: dashboard.title,
    ...(dashboard.description ? { description: dashboard.description } : {}),
    tags: [...(dashboard.tags ?? [])],
    timezone: dashboard.timezone ?? 'browser',
    // Edits belong in the source: Grafana shows the dashboard read-only.
    editable: false,
    graphTooltip: 1,
    time: dashboard.time ?? { from: 'now-6h', to: 'now' },
    refresh: dashboard.refresh === false ? '' : (dashboard.refresh ?? '30s'),
    schemaVersion: SCHEMA_VERSION,
    links: (dashboard.links ?? []).map((l) => ({ title: l.title, url: l.url, type: 'link', icon: 'external link', asDropdown: false, includeVars: false, keepTime: true, targetBlank: true, tags: [], tooltip: '' })),
    templating: { list: (dashboard.variables ?? []).map((v) => variableJson(v, datasource)) },
    annotations: { list: alertAnnotation(dashboard, datasource) },
    panels: panelsJson(dashboard, datasource),
  };
}

