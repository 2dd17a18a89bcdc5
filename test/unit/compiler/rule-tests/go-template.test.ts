import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { completeLabels } from '../../../../src/compiler/rule-tests/complete-labels.ts';
import { renderGoTemplate, UnrenderableTemplate } from '../../../../src/compiler/rule-tests/go-template.ts';
import { analyzePromql } from '../../../../src/compiler/promql/analyze.ts';
import { itWithTools } from '../../../support/tools.ts';

const render = (template: string, value?: number) => renderGoTemplate(template, { connector: 'crm' }, value);

describe('annotation templates render as Prometheus prints them', () => {
  it('prints labels, and nothing for a label the alert lacks', () => {
    expect(render('{{ $labels.connector }} on {{$labels.instance}}')).toBe('crm on ');
  });

  it('prints the value as Go does, exponents included', () => {
    expect([0.1, 0.00001, 1e21, 123456.5].map((v) => render('{{ $value }}', v))).toEqual(['0.1', '1e-05', '1e+21', '123456.5']);
    // Go's shortest %v turns to an exponent from 1e6, not from 1e21 as JavaScript does.
    expect([2000000, 1234567, 999999, -1234567, -0].map((v) => render('{{ $value }}', v))).toEqual(['2e+06', '1.234567e+06', '999999', '-1.234567e+06', '-0']);
  });

  it('trims the whitespace beside {{- and -}}, all of it, and only there', () => {
    expect(render('Queue of [ {{- $labels.connector -}} ] is big')).toBe('Queue of [crm] is big');
    expect(render('a \t\n {{- $labels.connector }} | {{ $labels.connector -}} \n\t b')).toBe('acrm | crmb');
    expect(render('[ {{$labels.connector}} ]')).toBe('[ crm ]');
  });

  it('humanizes with four significant digits and SI prefixes', () => {
    expect([1500, 0.0015, 100000, 0].map((v) => render('{{ $value | humanize }}', v))).toEqual(['1.5k', '1.5m', '100k', '0']);
    expect(render('{{ $value | humanize1024 }}', 1536)).toBe('1.5ki');
  });

  it('prints percentages and durations without floating-point noise', () => {
    expect(render('{{ $value | humanizePercentage }}', 0.08000000000000002)).toBe('8%');
    expect(render('{{ $value | humanizePercentage }}', 0.123456)).toBe('12.35%');
    expect([4.25, 3725, 90061, 0.25].map((v) => render('{{ $value | humanizeDuration }}', v))).toEqual(['4.25s', '1h 2m 5s', '1d 1h 1m 1s', '250ms']);
  });

  it('refuses what it cannot complete, so the test must name it', () => {
    expect(() => render('{{ $value }}')).toThrow(UnrenderableTemplate);
    expect(() => render('{{ range $labels }}x{{ end }}', 1)).toThrow(UnrenderableTemplate);
  });
});

/** An alert of value `v` and label connector="crm". */
const caseExpr = (v: number) => `label_replace(vector(${Object.is(v, -0) ? '-0' : String(v).replace('Infinity', 'Inf')}), "connector", "crm", "", "")`;

/** What promtool says the alert's labels and annotations are, one alert for each expression, in Prometheus' own notation. */
function promtoolAlerts(exprs: readonly string[], labels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'alertforge-render-'));
  try {
    const rules = exprs.map((expr, i) => ({ alert: `Case${i}`, expr, labels, annotations }));
    writeFileSync(join(dir, 'rules.yml'), stringify({ groups: [{ name: 'cases', rules }] }));
    const tests = exprs.map((_, i) => ({ eval_time: '0m', alertname: `Case${i}`, exp_alerts: [] }));
    writeFileSync(join(dir, 'test.yml'), stringify({ rule_files: ['rules.yml'], tests: [{ interval: '1m', input_series: [], alert_rule_test: tests }] }));
    try {
      execFileSync('promtool', ['test', 'rules', 'test.yml'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // Every case fails, expecting no alert: promtool prints what it got.
      return [...String((error as { stderr: string }).stderr).matchAll(/Labels:(\{.*\})\n\s*Annotations:(\{.*\})/g)].map((m) => `${m[1]} ${m[2]}`);
    }
    throw new Error('promtool found no alert');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

itWithTools(['promtool'])('agrees with promtool on values, trim markers and alert labels', () => {
  const values = [2000000, 1234567, 999999, 100000, 0.0001, 0.00001, 3e-7, 1e21, 123456.5, -1234567, -0, NaN, Infinity, -Infinity];
  const labels = { queue: '{{ $labels.connector }}-queue', trimmed: '[ {{- $labels.connector -}} ]', value: '{{ $value }}', empty: '' };
  const annotations = { value: '{{ $value }}', humanized: '{{ $value | humanize }}', trimmed: 'a \t\n {{- $value }}|{{ $value -}} \n\t b', external: 'in {{ $externalLabels.cluster }} at {{ $externalURL }}.' };
  const notation = (record: Readonly<Record<string, string>>) => `{${Object.keys(record).sort().map((k) => `${k}=${JSON.stringify(record[k])}`).join(', ')}}`;
  const ours = values.map((v, i) => {
    const { all, expression } = completeLabels(caseExpr(v), analyzePromql(caseExpr(v), () => undefined), labels, [], { connector: 'crm' }, { value: v });
    const rendered = Object.fromEntries(Object.entries(annotations).map(([key, template]) => [key, renderGoTemplate(template, expression, v)]));
    return `${notation({ alertname: `Case${i}`, ...all })} ${notation(rendered)}`;
  });
  expect(ours).toEqual(promtoolAlerts(values.map(caseExpr), labels, annotations));
});

itWithTools(['promtool'])("agrees with promtool on a rule label set over the expression's: templates read the expression's", () => {
  const labels = { connector: 'fixed-{{ $labels.connector }}', team: '' };
  const annotations = { summary: 'was {{ $labels.connector }}, team {{ $labels.team }}, severity {{ $labels.severity }}' };
  const expr = caseExpr(1).replace('vector(1)', 'label_replace(vector(1), "team", "sync", "", "")');
  const inputs = [{ series: 'x', values: '1', labels: { connector: 'crm', team: 'sync' } }];
  const { all, expression } = completeLabels(expr, analyzePromql(expr, () => undefined), labels, inputs, {}, { value: 1 });
  const summary = renderGoTemplate(annotations.summary, expression, 1);
  expect(promtoolAlerts([expr], labels, annotations)).toEqual([`{alertname="Case0", ${Object.entries(all).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}} {summary=${JSON.stringify(summary)}}`]);
  expect(summary).toBe('was crm, team sync, severity ');
});

