import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../src/compiler/build.ts';
import { formatDiagnostic } from '../../../src/compiler/diagnostics.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

/** Compiles a project whose rules/bad.rules.ts holds `rules` (after the catalog import); returns the error lines. */
async function errorsOf(rules: string, extraImports = ''): Promise<string[]> {
  fixture = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'rules/bad.rules.ts': `import { alert, record, ruleGroup, promql, sum, rate, eq } from 'alertforge';\n${extraImports}import { ops, depth, latency } from './metrics.ts';\n${rules}`,
  });
  const result = await compile(fixture.root, { typecheck: false });
  return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
}

describe('rule validation names the file, group and rule', () => {
  it('reports a PromQL syntax error with its position', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Broken', expr: 'sum(rate(ops_total[5m]', for: '5m', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^rules\/bad\.rules\.ts:4: error: group "g" alert "Broken": PromQL at column 23: syntax error: unexpected end of expression/);
  });

  it('reports an unknown metric in raw PromQL and suggests the catalog name', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Typo', expr: 'rate(op_total[5m]) > 1', for: '5m', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors[0]).toContain('rules/bad.rules.ts:4: error: group "g" alert "Typo": PromQL at column 6: unknown metric "op_total"');
    expect(errors[0]).toContain('did you mean "ops_total"?');
  });

  it('reports a label the metric does not have', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'BadLabel', expr: 'queue_depth{conector="a"} > 1', for: '5m', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors[0]).toContain('metric "queue_depth" has no label "conector" (did you mean "connector"?)');
    expect(errors[0]).toContain('its labels are: connector, instance, job');
  });

  it('reports a template naming a label the expression dropped, listing those available', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Dropped', expr: 'sum by (connector) (queue_depth) > 1', for: '5m', severity: 'warning', summary: 'on {{ $labels.instance }}' }),
] });`);
    expect(errors).toEqual([
      expect.stringContaining('rules/bad.rules.ts:4: error: group "g" alert "Dropped": summary names label "instance", which the expression does not keep'),
    ]);
    expect(errors[0]).toContain('available: connector and $value');
  });

  it("does not take the labels of a query's result in a range for the alert's", async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Ranged', expr: 'sum by (connector) (queue_depth) > 1', for: '5m', severity: 'warning', summary: 'x',
    description: '{{ range query "queue_depth" }}{{ .Labels.instance }} {{ end }}{{ $labels.job }}' }),
] });`);
    expect(errors).toEqual([expect.stringContaining('rules/bad.rules.ts:4: error: group "g" alert "Ranged": description names label "job", which the expression does not keep')]);
  });

  it('reports a template printing an external label the prometheusConfig does not declare, and not without a prometheusConfig', async () => {
    const rules = `export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Down', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'deep in {{ $externalLabels.clustr }}',
    description: (t) => \`\${t.externalLabels.cluster} {{ index $externalLabels "region" }}\` }),
] });`;
    const prometheus = (external: string) => `import { prometheusConfig } from 'alertforge';
export const p = prometheusConfig({ scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:8080'] }], alertmanagers: ['127.0.0.1:9093']${external} });`;
    const errorsWith = async (files: Record<string, string>) => {
      fixture = createProject({ 'rules/metrics.ts': FIXTURE_METRICS, 'rules/bad.rules.ts': `import { alert, ruleGroup } from 'alertforge';\n${rules}`, ...files });
      const result = await compile(fixture.root, { typecheck: false });
      fixture.remove();
      return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
    };
    expect(await errorsWith({ 'rules/prometheus.ts': prometheus(", externalLabels: { cluster: 'eu-1', region: 'eu' }") })).toEqual([
      'rules/bad.rules.ts:3: error: group "g" alert "Down": summary prints external label "clustr", which the prometheusConfig (rules/prometheus.ts) does not declare: it would print empty\n' +
        '    did you mean "cluster"? externalLabels: cluster, region; add it there, or drop it from the template',
    ]);
    expect(await errorsWith({ 'rules/prometheus.ts': prometheus('') })).toEqual([
      expect.stringContaining('summary prints external label "clustr", which the prometheusConfig (rules/prometheus.ts) does not declare'),
      expect.stringContaining('description prints external label "cluster"'),
      expect.stringContaining('description prints external label "region"'),
    ]);
    expect(await errorsWith({})).toEqual([]);
  });

  it('reports two recording rules or two alerts that write the same series, naming the other', async () => {
    const errors = await errorsOf(`const by = (labels: string) => \`sum by (\${labels}) (queue_depth)\`;
const deep = { name: 'Deep', expr: 'queue_depth > 1', for: '5m', summary: 'x' } as const;
export const g = ruleGroup({ name: 'g', rules: [
  record({ name: 'connector:queue_depth:sum', expr: by('connector') }),
  record({ name: 'connector:queue_depth:sum', expr: by('connector, job') }),
  record({ name: 'connector:queue_depth:sum', expr: by('connector'), labels: { shard: 'b' } }),
  alert({ ...deep, severity: 'warning' }),
] });
export const h = ruleGroup({ name: 'h', rules: [
  alert({ ...deep, severity: 'warning' }),
  record({ name: 'connector:queue_depth:sum', expr: by('connector') }),
] });
export const i = ruleGroup({ name: 'i', rules: [alert({ ...deep, severity: 'critical' })] });`);
    expect(errors).toEqual([
      'rules/bad.rules.ts:7: error: group "g" recording rule "connector:queue_depth:sum": has the same name and labels as an earlier rule of this group (rules/bad.rules.ts:6): each would overwrite the samples of the other at every evaluation\n    delete one, merge their expressions with `or`, or add a static label that tells their series apart',
      'rules/bad.rules.ts:12: error: group "h" alert "Deep": has the same name and labels as group "g" alert "Deep" (rules/bad.rules.ts:9): both would fire into one ALERTS series and Alertmanager would merge them into one alert\n    rename one, or give them different severities or a static label that tells them apart',
      expect.stringContaining('rules/bad.rules.ts:13: error: group "h" recording rule "connector:queue_depth:sum": has the same name and labels as group "g" recording rule "connector:queue_depth:sum" (rules/bad.rules.ts:6)'),
    ]);
  });

  it('reports a duplicate alert name in a group', async () => {
    const errors = await errorsOf(`const a = () => alert({ name: 'Twice', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'x' });
export const g = ruleGroup({ name: 'g', rules: [a(), a()] });`);
    expect(errors).toEqual([expect.stringMatching(/rules\/bad\.rules\.ts:3: error: group "g" alert "Twice": duplicate alert name in this group/)]);
  });

  it('reports a missing for and a missing summary', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Careless', expr: 'queue_depth > 1', for: '' as '5m', severity: 'warning', summary: '' }),
] });`);
    expect(errors).toEqual([
      expect.stringContaining('alert "Careless": has no `for`'),
      expect.stringContaining('alert "Careless": has no summary'),
    ]);
  });

  it('reports a label or annotation name that Prometheus refuses', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Named', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'x', labels: { 'on-call': 'yes' }, annotations: { 'runbook-url': 'https://runbooks/named', dashboard: 'd' } }),
  record({ name: 'connector:queue_depth:max', expr: 'max by (connector) (queue_depth)', labels: { '1st': 'yes', tier: 'gold' } }),
] });`);
    expect(errors).toEqual([
      expect.stringMatching(/^rules\/bad\.rules\.ts:4: error: group "g" alert "Named": label "on-call" is not a valid label name/),
      expect.stringMatching(/^rules\/bad\.rules\.ts:4: error: group "g" alert "Named": annotation "runbook-url" is not a valid annotation name\b.*runbook_url/s),
      expect.stringMatching(/^rules\/bad\.rules\.ts:5: error: group "g" recording rule "connector:queue_depth:max": label "1st" is not a valid label name/),
    ]);
  });

  it('checks the runbook as the template Prometheus expands it to, as every other annotation', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'QueueDeep', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'x', runbook: 'https://runbooks.example.com/{{ $labels.conector }}/{{ urlqery $labels.connector }}' }),
] });`);
    expect(errors).toEqual([expect.stringContaining('alert "QueueDeep": runbook_url template: function "urlqery" not defined')]);
  });

  it('reports a label starting with __, which Prometheus reserves (promtool refuses __name__ only)', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  record({ name: 'connector:queue_depth:max', expr: 'max by (connector) (queue_depth)', labels: { __tier: 'gold' } }),
] });`);
    expect(errors).toEqual([expect.stringMatching(/recording rule "connector:queue_depth:max": label "__tier" starts with __, which Prometheus reserves for its own labels\n {4}name it without the leading underscores/)]);
  });

  it('reports an alertname label, which Prometheus replaces with the alert\'s name', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'QueueDeep', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'x', labels: { alertname: 'Watchdog' } }),
] });`);
    expect(errors).toEqual([
      'rules/bad.rules.ts:4: error: group "g" alert "QueueDeep": sets the alertname label, which Prometheus replaces with the alert\'s name\n    rename the alert with `name` instead, and drop the label',
    ]);
  });

  it('reports a template promtool would not parse, in an annotation or a label value, with the name meant', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Templated', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'depth {{ $value | humanise }}', labels: { shard: '{{ $lables.connector }}' } }),
] });`);
    expect(errors).toEqual([
      expect.stringMatching(/^rules\/bad\.rules\.ts:4: error: group "g" alert "Templated": summary template: function "humanise" not defined.*did you mean humanize\?/s),
      expect.stringMatching(/^rules\/bad\.rules\.ts:4: error: group "g" alert "Templated": label "shard" template: undefined variable "\$lables".*did you mean \$labels\?/s),
    ]);
  });

  it('reports a bad duration', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', interval: '1.5m', rules: [
  alert({ name: 'Slow', expr: 'queue_depth > 1', for: '5mins' as '5m', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors).toEqual([
      expect.stringMatching(/rules\/bad\.rules\.ts:3: error: group "g": interval "1\.5m" is not a valid duration/),
      expect.stringMatching(/rules\/bad\.rules\.ts:4: error: group "g" alert "Slow": `for` "5mins" is not a valid duration/),
    ]);
  });

  it("reports a define named as Prometheus names the alert's own template, which promtool refuses as defined twice", async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Own', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: '{{ define "__alert_Own" }}x{{ end }}y', description: '{{ define "__alert_Own" }}{{ end }}{{ define "__alert_Other" }}x{{ end }}' }),
] });`);
    expect(errors).toEqual(['rules/bad.rules.ts:4: error: group "g" alert "Own": summary template: template: multiple definition of template "__alert_Own"\n    Prometheus gives the alert\'s own templates this name: name the define otherwise']);
  });

  it('reports half of a surrogate pair alone, which promtool cannot read from the rule file', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Cut', expr: 'queue_depth > 1', for: '5m', severity: 'warning', summary: 'x', labels: { team: 'sync\\ud83d' } }),
] });`);
    expect(errors).toEqual(["rules/bad.rules.ts:4: error: group \"g\" alert \"Cut\": labels.team holds U+D83D, half of a surrogate pair alone, which UTF-8 cannot write (Go's readers refuse it): write the whole character"]);
  });

  it('reports a duration past 292 years, which Go cannot hold and promtool refuses as out of range', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  alert({ name: 'Slow', expr: 'queue_depth > 1', for: '292y', keepFiringFor: '293y', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors).toEqual(['rules/bad.rules.ts:4: error: group "g" alert "Slow": `keepFiringFor` "293y" is out of range: Prometheus and Alertmanager take durations short of 292 years']);
  });

  it('reports a range function over an instant vector', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  record({ name: 'connector:ops:rate', expr: 'sum by (connector) (rate(ops_total))' }),
] });`);
    expect(errors[0]).toContain('recording rule "connector:ops:rate": PromQL at column 26: argument 1 of rate() must be a range vector, not an instant vector');
    expect(errors[0]).toContain('give it a range, e.g. ops_total[5m]');
  });

  it('reports histogram_quantile over buckets that lost le', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [
  record({ name: 'connector:op_duration_seconds:p99', expr: 'histogram_quantile(0.99, sum by (connector) (rate(op_duration_seconds_bucket[5m])))' }),
] });`);
    expect(errors[0]).toContain('histogram_quantile() needs the le label');
  });

  it('reports a recording rule name that breaks level:metric:operations', async () => {
    const errors = await errorsOf(`export const g = ruleGroup({ name: 'g', rules: [record({ name: 'ops_rate', expr: 'sum(rate(ops_total[5m]))' })] });`);
    expect(errors[0]).toContain('recording rule "ops_rate": the name does not follow level:metric:operations');
  });

  it('types a recording rule from its expression for the rules that read it', async () => {
    const errors = await errorsOf(`const r = record({ name: 'connector:ops:rate5m', expr: 'sum by (connector) (rate(ops_total[5m]))' });
export const g = ruleGroup({ name: 'g', rules: [
  r,
  alert({ name: 'ByStatus', expr: 'sum by (status) (connector:ops:rate5m) > 1', for: '5m', severity: 'warning', summary: 'x' }),
] });`);
    expect(errors[0]).toContain('sum groups by "status", which the aggregated expression does not carry');
    expect(errors[0]).toContain('it keeps: connector');
  });

  it('accepts a raw metric declared external, and rejects duplicate group names', async () => {
    const errors = await errorsOf(
      `const ext = gauge({ name: 'node_load1', help: 'Load.', external: 'node_exporter' });
export { ext };
export const a = ruleGroup({ name: 'g', rules: [alert({ name: 'Load', expr: 'node_load1 > 4', for: '5m', severity: 'info', summary: 'x' })] });
export const b = ruleGroup({ name: 'g', rules: [alert({ name: 'Load', expr: 'node_load1 > 8', for: '5m', severity: 'info', summary: 'x' })] });`,
      "import { gauge } from 'alertforge';\n",
    );
    expect(errors).toEqual([expect.stringMatching(/rules\/bad\.rules\.ts:7: error: group "g": is declared twice \(also at rules\/bad\.rules\.ts:6\)/)]);
  });
});
