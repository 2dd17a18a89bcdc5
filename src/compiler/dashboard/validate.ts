/**
 * Checks dashboards like rules: every panel query is parsed and checked against the catalog and
 * recording rules, may use only variables the dashboard declares, and its legend may name only
 * labels the query keeps. Titles must be unique (they give panels their stable ids), thresholds
 * ascend, sizes fit the grid, the computed layout has no overlap, and Grafana reads a custom
 * variable's values back from its query as they were written.
 */
import { DASHBOARD_UID_RE, GRAFANA_GRID_WIDTH, LABEL_NAME_RE } from '../../sdk/conventions.ts';
import type { Dashboard } from '../../sdk/dashboard/dashboard.ts';
import type { PanelSpec } from '../../sdk/dashboard/panels.ts';
import { BUILTIN_VARIABLES, type Variable } from '../../sdk/dashboard/variables.ts';
import { parseDuration } from '../../sdk/duration.ts';
import { grafanaSlug } from '../../grafana/slug.ts';
import type { SourceLocation } from '../../sdk/source-location.ts';
import type { Diagnostics } from '../diagnostics.ts';
import type { Sourced } from '../load.ts';
import { analyzePromql, type Analysis } from '../promql/analyze.ts';
import type { SeriesCatalog } from '../series-catalog.ts';
import { customValueProblem } from './custom-values.ts';
import { numbersAsDurations, substituteGrafanaVariables, variableReferences, variableStandIns } from './grafana-variables.ts';
import { DEFAULT_WIDTH, layoutDashboard, overlaps, visibleRectangles } from './layout.ts';
import { panelExpressions } from './panel-queries.ts';

const LEGEND_LABEL = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;
const BUILTINS: ReadonlySet<string> = new Set(BUILTIN_VARIABLES);
/** Grafana's relative times: `now`, `now-6h`, `now-1d/d` (rounded to the day), `now/w`. */
const GRAFANA_TIME = /^now(?:[-+]\d+[smhdwMy])?(?:\/[smhdwMy])?$/;
const TIME_UNIT_MS: Readonly<Record<string, number>> = { s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5, M: 2592e6, y: 31536e6 };

/** A time's offset from now, where a date or rounding leaves it unknown: to tell a range upside down. */
function offsetFromNow(value: string): number | undefined {
  const match = /^now(?:([-+])(\d+)([smhdwMy]))?$/.exec(value);
  if (!match) return undefined;
  return match[1] ? (match[1] === '-' ? -1 : 1) * Number(match[2]) * TIME_UNIT_MS[match[3]!]! : 0;
}
/** Grafana's default min_refresh_interval: a save asking to refresh more often is refused (400). */
const GRAFANA_MIN_REFRESH_MS = 5_000;


type Report = (message: string, hint?: string) => void;

/** A panel query that parsed, with what the lint reads of it. */
export interface AnalyzedPanelQuery {
  readonly source: SourceLocation;
  /** `dashboard "uid" panel "title"`. */
  readonly subject: string;
  /** The query with the dashboard's variables stood in for (see variableStandIns). */
  readonly expr: string;
  readonly analysis: Analysis;
}

function checkVariables(variables: readonly Variable[], report: Report): void {
  const seen = new Set<string>();
  for (const v of variables) {
    if (!LABEL_NAME_RE.test(v.name) || v.name.startsWith('__')) report(`variable "${v.name}": the name must be letters, digits and _, not starting with __`);
    if (seen.has(v.name)) report(`variable "${v.name}" is declared twice`, 'give each variable its own name');
    seen.add(v.name);
    if ((v.type === 'custom' || v.type === 'interval') && v.values.length === 0) report(`variable "${v.name}" offers no values`, 'list at least one');
    if (v.type === 'interval') for (const d of v.values) if (parseDuration(d) === undefined) report(`variable "${v.name}": "${d}" is not a Prometheus duration`, 'write durations such as 1m, 5m, 1h');
    if (v.type === 'custom') {
      for (const i of v.values.keys()) {
        const problem = customValueProblem(v.values, i);
        if (problem) report(`variable "${v.name}": ${problem.message}`, problem.hint);
      }
    }
  }
  if (variables.filter((v) => v.type === 'datasource').length > 1) report('declares two datasource variables', 'panels query the one picked: keep one');
}

function checkPanel(panel: PanelSpec, declared: ReadonlySet<string>, standIns: ReadonlyMap<string, string>, series: SeriesCatalog, report: Report): { expr: string; analysis: Analysis }[] {
  const analyzed: { expr: string; analysis: Analysis }[] = [];
  const width = panel.width ?? DEFAULT_WIDTH;
  if (!Number.isInteger(width) || width < 1 || width > GRAFANA_GRID_WIDTH) report(`width ${width} must be a whole number from 1 to ${GRAFANA_GRID_WIDTH}`, 'widths are columns of the 24-column grid');
  if (panel.height !== undefined && (!Number.isInteger(panel.height) || panel.height < 1)) report(`height ${panel.height} must be a whole number, at least 1`, 'heights are grid rows of 30 px');
  if ('queries' in panel && panel.queries.length === 0) report('has no queries', 'add a query, or use a text panel');
  if ('thresholds' in panel && panel.thresholds) {
    const values = panel.thresholds.steps.map((s) => s.value);
    if (values.some((v, i) => i > 0 && v <= values[i - 1]!)) report(`threshold steps ${values.join(', ')} must ascend`, 'list steps from the lowest value up');
  }
  for (const { expr, legend } of panelExpressions(panel)) {
    const undeclared = variableReferences(expr).filter((name) => (name.startsWith('__') ? !BUILTINS.has(name) : !declared.has(name)));
    for (const name of undeclared) report(`PromQL ${JSON.stringify(expr)} uses $${name}, which the dashboard does not declare`, `declared: ${[...declared].join(', ') || '(none)'}; Grafana's own: ${BUILTIN_VARIABLES.map((b) => `$${b}`).join(', ')}`);
    const misplaced = numbersAsDurations(expr);
    for (const name of misplaced) {
      const duration = /_(ms|s)$/.test(name) ? `write $${name.replace(/_(ms|s)$/, '')}, which Grafana fills with a duration` : 'it is a time in epoch milliseconds';
      report(`PromQL ${JSON.stringify(expr)}: $${name} is a number, where PromQL wants a duration`, `Grafana writes it without a unit, which Prometheus 2 refuses and 3 reads as seconds: ${duration}`);
    }
    // The parser would only repeat it as a duration without a unit.
    if (misplaced.length) continue;
    const parsed = substituteGrafanaVariables(expr, standIns);
    const analysis = analyzePromql(parsed, series.resolve, series.names);
    for (const problem of analysis.problems) report(`PromQL ${JSON.stringify(expr)}: ${problem.message}`, problem.hint);
    if (analysis.problems.length === 0) analyzed.push({ expr: parsed, analysis });
    if (!legend || !analysis.labels || analysis.problems.length) continue;
    const dropped = [...legend.matchAll(LEGEND_LABEL)].map((m) => m[1]!).filter((l) => !analysis.labels!.has(l));
    if (dropped.length) report(`legend names ${dropped.map((l) => `"${l}"`).join(', ')}, which the query does not keep`, `it keeps: ${[...analysis.labels].sort().join(', ') || '(none)'}`);
  }
  return analyzed;
}

function checkDashboard(dashboard: Dashboard, file: string, series: SeriesCatalog, diagnostics: Diagnostics): AnalyzedPanelQuery[] {
  const subject = `dashboard "${dashboard.uid}"`;
  const where = dashboard.source ?? { file, line: 1 };
  const report: Report = (message, hint) => diagnostics.error(where, subject, message, hint);
  if (!DASHBOARD_UID_RE.test(dashboard.uid)) report('the uid must be 1 to 40 letters, digits, - or _', 'Grafana puts it in the URL; it also names the generated file');
  for (const [end, value] of Object.entries(dashboard.time ?? {})) {
    if (!GRAFANA_TIME.test(value) && Number.isNaN(Date.parse(value))) report(`time.${end} "${value}" is neither a relative time nor a date`, 'write now, now-6h, now-7d/d, or an ISO date');
  }
  const [from, to] = [dashboard.time?.from, dashboard.time?.to].map((t) => (t === undefined ? undefined : offsetFromNow(t)));
  if (from !== undefined && to !== undefined && from >= to) report(`time.from "${dashboard.time!.from}" is not before time.to "${dashboard.time!.to}"`, 'Grafana shows no data for a range upside down: from: \'now-6h\', to: \'now\'');
  if (!dashboard.title.trim()) report('has no title', 'Grafana refuses a dashboard without one');
  const refreshMs = dashboard.refresh ? parseDuration(dashboard.refresh) : undefined;
  if (dashboard.refresh && refreshMs === undefined) report(`refresh "${dashboard.refresh}" is not a duration`, 'write 30s, 1m, 5m, or false for none');
  else if (refreshMs !== undefined && refreshMs < GRAFANA_MIN_REFRESH_MS) report(`refresh "${dashboard.refresh}" is below Grafana's min_refresh_interval of 5s`, 'Grafana refuses to save it: refresh every 5s or more');
  for (const link of dashboard.links ?? []) if (!URL.canParse(link.url)) report(`link "${link.title}": "${link.url}" is not a URL`, 'write an absolute URL, https://...');
  checkVariables(dashboard.variables ?? [], report);
  for (const label of Object.keys(dashboard.alertAnnotation || {})) if (!LABEL_NAME_RE.test(label)) report(`alertAnnotation: "${label}" is not a label name`, 'name labels the alerts carry, e.g. team or severity');
  const declared = new Set((dashboard.variables ?? []).map((v) => v.name));
  const standIns = variableStandIns(dashboard.variables ?? []);
  const rowTitles = new Set<string>();
  for (const row of dashboard.rows ?? []) {
    if (rowTitles.has(row.title)) report(`two rows are titled "${row.title}"`, 'row titles give rows their stable ids: make them unique');
    rowTitles.add(row.title);
  }
  const titles = new Set<string>();
  const queries: AnalyzedPanelQuery[] = [];
  for (const panel of [...(dashboard.panels ?? []), ...(dashboard.rows ?? []).flatMap((r) => r.panels)]) {
    const at = panel.source ?? where;
    const panelSubject = `${subject} panel "${panel.title}"`;
    const panelReport: Report = (message, hint) => diagnostics.error(at, panelSubject, message, hint);
    if (titles.has(panel.title)) panelReport('another panel of the dashboard has this title', 'panel titles give panels their stable ids: make them unique');
    titles.add(panel.title);
    for (const query of checkPanel(panel, declared, standIns, series, panelReport)) queries.push({ source: at, subject: panelSubject, ...query });
  }
  // The layout cannot overlap by construction; this guards the construction.
  const rectangles = visibleRectangles(layoutDashboard(dashboard));
  for (const [i, a] of rectangles.entries()) {
    const b = rectangles.slice(i + 1).find((r) => overlaps(a.gridPos, r.gridPos));
    if (b) report(`panels "${a.title}" and "${b.title}" overlap`, 'this is a bug in alertforge\'s layout: please report it');
  }
  return queries;
}

/**
 * Checks the project's dashboards, and that each has its own uid and title (Grafana names it by the
 * title's slug in a folder, where all of them are deployed) among them and the derived rules
 * dashboard, whose file and place in Grafana a clash would take. Returns the panel queries that
 * parsed, for the lint.
 */
export function validateDashboards(dashboards: readonly Sourced<Dashboard>[], rulesDashboard: Dashboard | undefined, series: SeriesCatalog, diagnostics: Diagnostics): AnalyzedPanelQuery[] {
  const queries: AnalyzedPanelQuery[] = [];
  const uids = new Map<string, string>();
  const slugs = new Map<string, string>();
  // Keyed lower-cased: Ops.json and ops.json are one file on macOS and Windows.
  if (rulesDashboard) {
    uids.set(rulesDashboard.uid.toLowerCase(), 'the rules dashboard alertforge derives from the alerts');
    slugs.set(grafanaSlug(rulesDashboard.title), `the rules dashboard "${rulesDashboard.uid}" alertforge derives from the alerts`);
  }
  for (const { value: dashboard, file } of dashboards) {
    const where = dashboard.source ?? { file, line: 1 };
    const subject = `dashboard "${dashboard.uid}"`;
    const other = uids.get(dashboard.uid.toLowerCase());
    if (other !== undefined) diagnostics.error(where, subject, `the uid is also used by ${other}`, 'give each dashboard its own uid; uids that differ only in case name one file on macOS and Windows');
    else uids.set(dashboard.uid.toLowerCase(), `dashboard "${dashboard.title}" (uid ${dashboard.uid})`);
    const slug = grafanaSlug(dashboard.title);
    const sameTitle = slugs.get(slug);
    if (sameTitle !== undefined) diagnostics.error(where, subject, `its title "${dashboard.title}" is, to Grafana, the same as that of ${sameTitle} (slug ${slug})`, 'Grafana before 11.3 refuses two dashboards of one folder whose titles have one slug (lower case, some punctuation dropped): retitle one');
    else slugs.set(slug, `dashboard "${dashboard.uid}"`);
    queries.push(...checkDashboard(dashboard, file, series, diagnostics));
  }
  return queries;
}
