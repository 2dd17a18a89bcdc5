/**
 * Checks dashboards like rules: every panel query is parsed and checked against the catalog and
 * recording rules, and a legend may name only labels its query keeps. Grafana's own variables
 * ($__rate_interval, $connector, ...) are stood in for before parsing, since PromQL does not know them.
 */
import { DASHBOARD_UID_RE, GRAFANA_GRID_WIDTH } from '../../sdk/conventions.ts';
import type { Dashboard } from '../../sdk/dashboard/dashboard.ts';
import type { PanelSpec } from '../../sdk/dashboard/panels.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import { analyzePromql } from '../promql/analyze.ts';
import type { SeriesCatalog } from '../series-catalog.ts';

/** Grafana variables as PromQL can parse them: durations where a range goes, values in strings. */
export function substituteGrafanaVariables(expr: string): string {
  return expr.replace(/\[\$\{?[a-zA-Z_]+\}?\]/g, '[5m]').replace(/\$\{?__[a-zA-Z_]+\}?/g, '5m');
}

const LEGEND_LABEL = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;

function panelExpressions(panel: PanelSpec): { expr: string; legend: string | undefined }[] {
  if (panel.type === 'text') return [];
  if (panel.type === 'heatmap') return [{ expr: panel.buckets.text, legend: undefined }];
  return panel.queries.map((q) => ({ expr: q.expr, legend: q.legend }));
}

export function validateDashboards(dashboards: readonly Sourced<Dashboard>[], series: SeriesCatalog, diagnostics: Diagnostics): void {
  const uids = new Map<string, Dashboard>();
  for (const { value: dashboard } of dashboards) {
    const subject = `dashboard "${dashboard.uid}"`;
    if (!DASHBOARD_UID_RE.test(dashboard.uid)) diagnostics.error(dashboard.source, subject, 'the uid must be 1 to 40 letters, digits, - or _', 'Grafana puts it in the URL; it also names the generated file');
    if (uids.has(dashboard.uid)) diagnostics.error(dashboard.source, subject, 'the uid is used by two dashboards', 'give each dashboard its own uid');
    uids.set(dashboard.uid, dashboard);
    const panels = [...(dashboard.panels ?? []), ...(dashboard.rows ?? []).flatMap((r) => r.panels)];
    for (const panel of panels) {
      const panelSubject = `${subject} panel "${panel.title}"`;
      const width = panel.width ?? 12;
      if (!Number.isInteger(width) || width < 1 || width > GRAFANA_GRID_WIDTH) diagnostics.error(dashboard.source, panelSubject, `width ${width} must be a whole number from 1 to ${GRAFANA_GRID_WIDTH}`);
      if (panel.height !== undefined && (!Number.isInteger(panel.height) || panel.height < 1)) diagnostics.error(dashboard.source, panelSubject, `height ${panel.height} must be a whole number ≥ 1`);
      if (panel.type !== 'text' && panel.type !== 'heatmap' && panel.queries.length === 0) diagnostics.error(dashboard.source, panelSubject, 'has no queries');
      for (const { expr, legend } of panelExpressions(panel)) {
        const analysis = analyzePromql(substituteGrafanaVariables(expr), series.resolve, series.names);
        for (const problem of analysis.problems) diagnostics.error(dashboard.source, panelSubject, `PromQL ${JSON.stringify(expr)}: ${problem.message}`, problem.hint);
        if (!legend || !analysis.labels || analysis.problems.length) continue;
        const dropped = [...legend.matchAll(LEGEND_LABEL)].map((m) => m[1]!).filter((l) => !analysis.labels!.has(l));
        if (dropped.length) {
          diagnostics.error(dashboard.source, panelSubject, `legend names ${dropped.map((l) => `"${l}"`).join(', ')}, which the query does not keep`, `it keeps: ${[...analysis.labels].sort().join(', ') || '(none)'}`);
        }
      }
    }
  }
}
