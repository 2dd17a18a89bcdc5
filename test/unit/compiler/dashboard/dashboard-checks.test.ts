/** The build's checks of dashboards, each error naming the file and line, the dashboard and the panel. */
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, removeProjects, type ProjectFixture } from '../../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(removeProjects);

/** Errors of a project with one dashboard `ops`, whose panels are the given source lines (from line 4). */
async function errorsOf(panels: string, props = ''): Promise<string[]> {
  fixture = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'dashboards/ops.ts': `import { customVariable, dashboard, intervalVariable, panel, query, promql, row, RATE_INTERVAL } from 'alertforge';
import { ops } from '../rules/metrics.ts';
export const d = dashboard({ uid: 'ops', title: 'Ops', ${props} rows: [row('r', [
${panels}
])] });`,
  });
  const result = await compile(fixture.root, { typecheck: false });
  return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
}

describe('dashboard checks', () => {
  it('reports an unknown metric in a panel query, at the panel’s line, naming dashboard and panel', async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Depth', queries: [query('queue_dpth')] }),`)).toEqual([
      expect.stringContaining('dashboards/ops.ts:4: error: dashboard "ops" panel "Depth": PromQL "queue_dpth": unknown metric "queue_dpth"'),
    ]);
  });

  it('reports a PromQL syntax error', async () => {
    const [error] = await errorsOf(`panel.stat({ title: 'Broken', queries: [query('sum(rate(ops_total[5m])')] }),`);
    expect(error).toContain('dashboards/ops.ts:4: error: dashboard "ops" panel "Broken": PromQL "sum(rate(ops_total[5m])"');
  });

  it('reports a legend naming a label the query dropped, and lists the ones it keeps', async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Depth', queries: [query('sum by (connector) (queue_depth)', { legend: '{{instance}}' })] }),`)).toEqual([
      expect.stringContaining('dashboard "ops" panel "Depth": legend names "instance", which the query does not keep\n    it keeps: connector'),
    ]);
  });

  it("accepts declared variables and Grafana's own in queries", async () => {
    const variables = `variables: [customVariable({ name: 'status', values: ['ok', 'error'] }), intervalVariable({ name: 'window', values: ['5m', '1h'] })],`;
    const panels = `panel.timeseries({ title: 'Rate', queries: [query('sum(rate(ops_total{status=~"$status"}[$window] offset $window))'), query(promql\`sum(rate(\${ops.range(RATE_INTERVAL)}))\`)] }),`;
    expect(await errorsOf(panels, variables)).toEqual([]);
  });

  it("reads Grafana's variables as Grafana fills them: a custom one as its value, a number one as a number, not a duration", async () => {
    const variables = `variables: [customVariable({ name: 'limit', values: ['0.9', '0.99'] })],`;
    expect(await errorsOf(`panel.stat({ title: 'Over', queries: [query('queue_depth > $limit and queue_depth > $__range_s and queue_depth < \${__to:date:seconds}')] }),`, variables)).toEqual([]);
    expect(await errorsOf(`panel.stat({ title: 'Sum', queries: [query('sum_over_time(queue_depth[$__range_ms])')] }),`)).toEqual([
      'dashboards/ops.ts:4: error: dashboard "ops" panel "Sum": PromQL "sum_over_time(queue_depth[$__range_ms])": $__range_ms is a number, where PromQL wants a duration\n' +
        '    Grafana writes it without a unit, which Prometheus 2 refuses and 3 reads as seconds: write $__range, which Grafana fills with a duration',
    ]);
  });

  it("reports a custom value Grafana would read back from the variable's query other than as written", async () => {
    const values = String.raw`['a : b', ' padded', '', { text: 'Gold', value: 'x : y' }, { text: '', value: 'z' }, { text: 'Tab', value: ': z' }, 'back\\', 'end']`;
    expect(await errorsOf('', `variables: [customVariable({ name: 'tier', values: ${values} })],`)).toEqual([
      'dashboards/ops.ts:3: error: dashboard "ops": variable "tier": value "a : b": the value holds " : "\n' +
        '    Grafana reads it as { text: "a", value: "b" }: write that if it is meant; a value cannot hold " : "',
      'dashboards/ops.ts:3: error: dashboard "ops": variable "tier": value " padded": the value starts or ends with whitespace\n    Grafana trims it to "padded": write that',
      'dashboards/ops.ts:3: error: dashboard "ops": variable "tier": value "": the value is empty\n    Grafana offers no empty value: fill it in or remove the entry',
      expect.stringContaining('variable "tier": { text: "Gold", value: "x : y" }: Grafana reads it as { text: "Gold : x", value: "y" }\n    Grafana splits text from value at the last " : "'),
      expect.stringContaining('variable "tier": { text: "", value: "z" }: the text is empty'),
      expect.stringContaining('variable "tier": { text: "Tab", value: ": z" }: Grafana reads it as { text: "Tab :", value: "z" }'),
      expect.stringContaining(String.raw`variable "tier": value "back\\": the value ends with a backslash` + '\n    Grafana reads a backslash before the comma that follows as an escaped comma'),
    ]);
  });

  it('accepts custom values Grafana reads back as written: a text holding " : ", a colon without spaces around it, a backslash last', async () => {
    const values = String.raw`[{ text: 'p99 : slow', value: 'p99' }, 'a:b', ': c', 'd :e', 'f\\']`;
    expect(await errorsOf('', `variables: [customVariable({ name: 'tier', values: ${values} })],`)).toEqual([]);
  });

  it('reports a variable the dashboard does not declare', async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Rate', queries: [query('sum(rate(ops_total{connector=~"$conector"}[5m]))')] }),`)).toEqual([
      expect.stringContaining('panel "Rate": PromQL "sum(rate(ops_total{connector=~\\"$conector\\"}[5m]))" uses $conector, which the dashboard does not declare\n    declared: (none)'),
    ]);
  });

  it('reports two panels with one title, since titles give panels their ids', async () => {
    expect(await errorsOf(`panel.text({ title: 'Note', content: 'a' }),\npanel.text({ title: 'Note', content: 'b' }),`)).toEqual([
      expect.stringContaining('dashboards/ops.ts:5: error: dashboard "ops" panel "Note": another panel of the dashboard has this title'),
    ]);
  });

  it('reports thresholds out of order, a bad width and a panel without queries', async () => {
    const errors = await errorsOf(`panel.stat({ title: 'Odd', width: 30, thresholds: { steps: [{ value: 5, color: 'red' }, { value: 1, color: 'orange' }] }, queries: [] }),`);
    expect(errors).toEqual([
      expect.stringContaining('panel "Odd": width 30 must be a whole number from 1 to 24'),
      expect.stringContaining('panel "Odd": has no queries'),
      expect.stringContaining('panel "Odd": threshold steps 5, 1 must ascend'),
    ]);
  });

  it('reports a time range, refresh or link Grafana cannot read', async () => {
    const errors = await errorsOf('', `time: { from: 'yesterday', to: 'now' }, refresh: '5 minutes' as never, links: [{ title: 'Runbooks', url: 'runbooks' }],`);
    expect(errors).toEqual([
      expect.stringContaining('dashboard "ops": time.from "yesterday" is neither a relative time nor a date'),
      expect.stringContaining('dashboard "ops": refresh "5 minutes" is not a duration'),
      expect.stringContaining('dashboard "ops": link "Runbooks": "runbooks" is not a URL'),
    ]);
    expect(await errorsOf('', `time: { from: 'now-7d/d', to: '2026-01-01T00:00:00Z' }, refresh: '1m',`)).toEqual([]);
    expect(await errorsOf('', `refresh: '1s',`)).toEqual([expect.stringContaining('dashboard "ops": refresh "1s" is below Grafana\'s min_refresh_interval of 5s')]);
    expect(await errorsOf('', `time: { from: 'now', to: 'now-6h' },`)).toEqual([expect.stringContaining('dashboard "ops": time.from "now" is not before time.to "now-6h"')]);
    expect(await errorsOf('', `time: { from: 'now-2d', to: 'now-1d' },`)).toEqual([]);
  });

  it('reports a bad uid and variables declared twice or empty', async () => {
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'dashboards/a.ts': `import { customVariable, dashboard } from 'alertforge';
export const a = dashboard({ uid: 'has spaces', title: 'A', variables: [customVariable({ name: 'x', values: [] }), customVariable({ name: 'x', values: ['1'] })] });
export const b = dashboard({ uid: 'same', title: 'B' });
export const c = dashboard({ uid: 'same', title: 'C' });
export const d = dashboard({ uid: 'Same', title: 'D' });`,
    });
    const errors = (await compile(fixture.root, { typecheck: false })).diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
    expect(errors).toEqual([
      expect.stringContaining('dashboards/a.ts:2: error: dashboard "has spaces": the uid must be 1 to 40 letters, digits, - or _'),
      expect.stringContaining('dashboard "has spaces": variable "x" offers no values'),
      expect.stringContaining('dashboard "has spaces": variable "x" is declared twice'),
      expect.stringContaining('dashboards/a.ts:4: error: dashboard "same": the uid is also used by dashboard "B" (uid same)'),
      expect.stringContaining('dashboards/a.ts:5: error: dashboard "Same": the uid is also used by dashboard "B" (uid same)\n    give each dashboard its own uid; uids that differ only in case name one file on macOS and Windows'),
    ]);
  });

  it("reports titles Grafana takes for the same in a folder, an empty title, and the rules dashboard's uid or title taken", async () => {
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/a.rules.ts': `import { alert, ruleGroup } from 'alertforge';
export const g = ruleGroup({ name: 'g', rules: [alert({ name: 'Deep', expr: 'queue_depth > 10', for: '5m', severity: 'warning', summary: 'deep' })] });`,
      'dashboards/a.ts': `import { dashboard } from 'alertforge';
export const a = dashboard({ uid: 'a', title: 'Sync (Overview)' });
export const b = dashboard({ uid: 'b', title: 'sync overview' });
export const c = dashboard({ uid: 'c', title: ' ' });
export const d = dashboard({ uid: 'alertforge-rules', title: 'Mine' });
export const e = dashboard({ uid: 'e', title: 'Alert rules: conditions against thresholds' });`,
    });
    const errors = (await compile(fixture.root, { typecheck: false })).diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
    expect(errors).toEqual([
      'dashboards/a.ts:3: error: dashboard "b": its title "sync overview" is, to Grafana, the same as that of dashboard "a" (slug sync-overview)\n    Grafana before 11.3 refuses two dashboards of one folder whose titles have one slug (lower case, some punctuation dropped): retitle one',
      'dashboards/a.ts:4: error: dashboard "c": has no title\n    Grafana refuses a dashboard without one',
      expect.stringContaining('dashboards/a.ts:5: error: dashboard "alertforge-rules": the uid is also used by the rules dashboard alertforge derives from the alerts\n'),
      expect.stringContaining('dashboards/a.ts:6: error: dashboard "e": its title "Alert rules: conditions against thresholds" is, to Grafana, the same as that of the rules dashboard "alertforge-rules" alertforge derives from the alerts'),
    ]);
  });
});
