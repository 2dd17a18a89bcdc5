import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

const PROMETHEUS = `import { prometheusConfig } from 'alertforge';
export const p = prometheusConfig({ scrapeInterval: '15s', evaluationInterval: '30s', scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }], alertmanagers: ['127.0.0.1:9093'] });
`;

/** A well-written alert, to vary one property at a time. */
const GOOD = `name: 'QueueDeep', expr: 'sum by (connector) (queue_depth) > 10', for: '5m', severity: 'warning',
    summary: 'Queue of {{ $labels.connector }} is deep', description: 'The queue of {{ $labels.connector }} holds {{ $value }} records.'`;

/** Builds a project whose rules/lint.rules.ts holds `rules` (line 4 on), returning the warnings as printed. */
async function warningsOf(rules: string): Promise<string[]> {
  fixture = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'rules/prometheus.ts': PROMETHEUS,
    'rules/lint.rules.ts': `import { alert, record, ruleGroup } from 'alertforge';\nimport { ops } from './metrics.ts';\n\n${rules}`,
  });
  const result = await compile(fixture.root, { typecheck: false });
  expect(result.diagnostics.errors).toEqual([]);
  // Lint findings end with their check's name; other parts of the build warn too (routing).
  return result.diagnostics.warnings.filter((d) => /\[[a-z-]+\]$/.test(d.message)).map((d) => formatDiagnostic(d, fixture!.root));
}

/** GOOD renamed, with another expression. */
const named = (name: string, expr: string) => GOOD.replace('QueueDeep', name).replace("'sum by (connector) (queue_depth) > 10'", `\`${expr}\``);

const group = (...alerts: string[]) => `export const g = ruleGroup({ name: 'g', rules: [\n${alerts.map((a) => `  alert({ ${a} }),`).join('\n')}\n] });`;

describe('lint names the file, rule and check, and says what to do', () => {
  it('is quiet about a well-written alert', async () => {
    expect(await warningsOf(group(GOOD))).toEqual([]);
  });

  it('asks for a description, and for labels or value in it', async () => {
    const warnings = await warningsOf(
      group(GOOD.replace(/, description: .*'$/, '').replace('QueueDeep', 'NoDescription'), GOOD.replace(/description: .*'$/, "description: 'The queue is deep.'")),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^rules\/lint\.rules\.ts:5: warning: group "g" alert "NoDescription": has no description \[description-present\]\n\s+add description:/),
      expect.stringMatching(/^rules\/lint\.rules\.ts:7: warning: group "g" alert "QueueDeep": the description names no label or value \[description-templated\]\n\s+use the template context/),
    ]);
  });

  it('flags an alert that compares nothing or compares with bool, as either fires for every series; not one that filters or asks for absence', async () => {
    const warnings = await warningsOf(
      group(
        named('NoCondition', 'sum by (connector) (rate(ops_total[5m]))'),
        named('WithBool', 'sum by (connector) (queue_depth) > bool 10'),
        named('Absent', 'absent(queue_depth{connector="a"})'),
        named('Filtered', 'sum by (connector) (queue_depth) > bool 10 == 1'),
        named('Nested', 'count by (connector) (queue_depth > 10) > 0 unless on (connector) sum by (connector) (rate(ops_total[5m]))'),
      ),
    );
    expect(warnings).toEqual([
      'rules/lint.rules.ts:5: warning: group "g" alert "NoCondition": compares nothing, so it fires for every series the expression returns, whatever its value [alert-condition]\n' +
        "    compare it with a threshold (.gt(0.05) in the builder, > 0.05 in PromQL); an alert meant to fire always (a watchdog) waives alert-condition saying so",
      'rules/lint.rules.ts:7: warning: group "g" alert "WithBool": compares with bool, which keeps every series, as 0 or 1: the alert fires for all of them [alert-condition]\n' +
        '    drop bool, so that the comparison keeps only the series past the threshold',
    ]);
  });

  it('flags an alert label that prints the value, which makes a new alert at every change, and not one printing a label', async () => {
    const labelled = (name: string, labels: string) => `${named(name, 'sum by (connector) (queue_depth) > 10')}, labels: ${labels}`;
    const warnings = await warningsOf(
      group(
        labelled('ValueLabel', "{ depth: '{{ $value }}' }"),
        labelled('DotValue', "{ depth: '{{ humanize .Value }}' }"),
        labelled('NameLabel', "{ queue: '{{ $labels.connector }}-queue' }"),
      ),
    );
    expect(warnings).toEqual([
      'rules/lint.rules.ts:5: warning: group "g" alert "ValueLabel": label "depth" prints the value, so every evaluation that sees another value makes another alert: for never holds, and each change pages anew [alert-label-value]\n' +
        '    print the value in an annotation (the description); keep labels to what names the alert',
      expect.stringContaining('alert "DotValue": label "depth" prints the value'),
    ]);
  });

  it("flags an alert on a counter's value, which only grows, and not on its rate, its presence or its count", async () => {
    const warnings = await warningsOf(
      group(
        named('ErrorsCounted', 'sum by (connector) (ops_total{status="error"}) > 5'),
        named('Slow', 'sum by (connector) (op_duration_seconds_count) > 100'),
        named('ErrorsGrowing', 'sum by (connector) (increase(ops_total{status="error"}[1h])) > 5'),
        named('Reporting', 'count by (connector) (ops_total) < 2'),
        named('Silent', 'absent(ops_total{connector="a"})'),
      ),
    );
    expect(warnings).toEqual([
      'rules/lint.rules.ts:5: warning: group "g" alert "ErrorsCounted": reads ops_total, a counter, by its value: a count since the process started, which only grows [counter-value]\n' +
        '    alert on how fast it grows instead: rate(ops_total[5m]) or increase(ops_total[1h])',
      expect.stringContaining('alert "Slow": reads op_duration_seconds_count, a counter, by its value'),
    ]);
  });

  it('flags a binary operator whose sides carry different labels, so that no pair matches, and not one matched on the labels both carry', async () => {
    const share = 'sum by (connector) (rate(ops_total[5m]))';
    const warnings = await warningsOf(
      group(
        named('ShareOfTotal', `${share} / sum(rate(ops_total[5m])) > 0.5`),
        named('Unless', `${share} > 1 unless sum by (status) (rate(ops_total[5m])) > 1`),
        named('Matched', `${share} / ignoring (connector) group_left sum(rate(ops_total[5m])) > 0.5`),
        named('SameLabels', `${share} / sum by (connector) (rate(ops_total{status="ok"}[5m])) > 0.5`),
      ),
    );
    expect(warnings).toEqual([
      'rules/lint.rules.ts:5: warning: group "g" alert "ShareOfTotal": / pairs series with the same labels, but the left side carries connector, which the right does not: no pair matches, so the result is empty [vector-matching]\n' +
        '    match on the labels both carry: / on () group_left, or / ignoring (connector)',
      expect.stringContaining('alert "Unless": unless pairs series with the same labels, but the left side carries connector, which the right does not, and the right side carries status, which the left does not: no pair matches, so unless removes nothing [vector-matching]'),
    ]);
  });

  it('flags rate() over a gauge', async () => {
    const warnings = await warningsOf(group(GOOD.replace("sum by (connector) (queue_depth) > 10", 'sum by (connector) (rate(queue_depth[5m])) > 10')));
    expect(warnings).toEqual([expect.stringContaining('alert "QueueDeep": rate() over queue_depth, which is not a counter [rate-over-counter]\n    use deriv() or delta() for a gauge')]);
  });

  it('flags histogram_quantile() over series that are not buckets', async () => {
    const warnings = await warningsOf(group(GOOD.replace('sum by (connector) (queue_depth) > 10', 'histogram_quantile(0.9, label_replace(sum by (connector) (rate(op_duration_seconds_count[5m])), "le", "1", "", "")) > 1')));
    expect(warnings).toEqual([expect.stringContaining('histogram_quantile() reads no _bucket series [histogram-quantile-over-buckets]')]);
  });

  it('flags a for shorter than two evaluation intervals and a range shorter than four scrapes', async () => {
    const warnings = await warningsOf(group(GOOD.replace("for: '5m'", "for: '30s'").replace('sum by (connector) (queue_depth) > 10', 'sum by (connector) (rate(ops_total[30s])) > 10')));
    expect(warnings).toEqual([
      expect.stringContaining('alert "QueueDeep": for 30s is shorter than two evaluation intervals (30 seconds each) [for-vs-evaluation-interval]\n    set for to at least 1m'),
      expect.stringContaining('alert "QueueDeep": range [30s] over ops_total spans fewer than four samples (one every 15s) [range-vs-scrape-interval]\n    use a range of at least 1m'),
    ]);
  });

  it('flags a regex matcher that matches exactly one value, escapes included, and leaves real regexes alone', async () => {
    const warnings = await warningsOf(
      group(GOOD.replace('queue_depth)', 'queue_depth{connector=~"crm\\\\\\\\.eu", instance!~"a|b"})')),
    );
    expect(warnings).toEqual([expect.stringContaining('connector=~"crm\\\\.eu" is a regex that matches exactly one value [regex-could-be-equality]\n    write connector="crm.eu" (eq("crm.eu") in the builder)')]);
  });

  it('flags a group of more than 30 rules', async () => {
    const rules = Array.from({ length: 31 }, (_, i) => `record({ name: 'connector:ops:rate5m_${i}', expr: 'sum by (connector) (rate(ops_total[5m]))' })`);
    const warnings = await warningsOf(`export const g = ruleGroup({ name: 'big', rules: [${rules.join(', ')}] });`);
    expect(warnings).toEqual([expect.stringMatching(/^rules\/lint\.rules\.ts:4: warning: group "big": has 31 rules, more than 30 \[group-size\]\n\s+split it by concern/)]);
  });

  it('lets an alert waive a check with a reason, and only with one', async () => {
    const noDescription = GOOD.replace(/, description: .*'$/, '');
    const warnings = await warningsOf(
      group(`${noDescription}, waive: { 'description-present': 'the summary says it all' }`, `${noDescription.replace('QueueDeep', 'Unexplained')}, waive: { 'description-present': ' ' }`),
    );
    expect(warnings).toEqual([
      expect.stringContaining('alert "Unexplained": waives description-present without a reason [description-present]'),
      expect.stringContaining('alert "Unexplained": has no description [description-present]'),
    ]);
  });
});

describe('lint checks dashboard queries as it checks rules', () => {
  it("warns of rate over a gauge and a range too short, not of Grafana's $__rate_interval", async () => {
    fixture = createProject({
      'rules/metrics.ts': FIXTURE_METRICS,
      'rules/prometheus.ts': PROMETHEUS,
      'dashboards/ops.ts': `import { dashboard, intervalVariable, panel, query, row } from 'alertforge';
export const d = dashboard({ uid: 'ops', title: 'Ops', variables: [intervalVariable({ name: 'window', values: ['1h', '30s'] })], rows: [row('r', [
  panel.timeseries({ title: 'Depth rate', queries: [query('rate(queue_depth[5m])')] }),
  panel.timeseries({ title: 'Ops', queries: [query('sum(rate(ops_total[$__rate_interval]))'), query('sum(rate(ops_total[$window]))')] }),
])] });`,
    });
    const result = await compile(fixture.root, { typecheck: false });
    expect(result.diagnostics.errors).toEqual([]);
    expect(result.diagnostics.warnings.filter((d) => /\[[a-z-]+\]$/.test(d.message)).map((d) => formatDiagnostic(d, fixture!.root))).toEqual([
      'dashboards/ops.ts:3: warning: dashboard "ops" panel "Depth rate": rate() over queue_depth, which is not a counter [rate-over-counter]\n    use deriv() or delta() for a gauge, or rate() over the counter the gauge was computed from',
      'dashboards/ops.ts:4: warning: dashboard "ops" panel "Ops": range [30s] over ops_total spans fewer than four samples (one every 15s) [range-vs-scrape-interval]\n    use a range of at least 1m',
    ]);
  });
});
