import { describe, expect, it } from 'vitest';
import { analyzePromql, type SeriesInfo } from '../../../../src/compiler/promql/analyze.ts';

const SERIES: Record<string, SeriesInfo> = {
  ops_total: { labels: new Set(['connector', 'status', 'job', 'instance']), kind: 'counter' },
  op_duration_seconds_bucket: { labels: new Set(['connector', 'le', 'job', 'instance']), kind: 'counter' },
  queue_depth: { labels: new Set(['connector', 'job', 'instance']), kind: 'gauge' },
  connector_info: { labels: new Set(['connector', 'team', 'job', 'instance']), kind: 'gauge' },
  up: { labels: new Set(['job', 'instance']), kind: 'gauge' },
};

function analyze(expr: string) {
  const result = analyzePromql(expr, (name) => SERIES[name], () => Object.keys(SERIES));
  return { ...result, labels: result.labels ? [...result.labels].sort() : null, messages: result.problems.map((p) => p.message) };
}

describe('the labels an expression keeps', () => {
  it.each([
    ['queue_depth', ['connector', 'instance', 'job']],
    ['rate(ops_total[5m])', ['connector', 'instance', 'job', 'status']],
    ['sum by (connector) (rate(ops_total[5m]))', ['connector']],
    ['sum without (instance, status) (rate(ops_total[5m]))', ['connector', 'job']],
    ['sum(queue_depth)', []],
    ['topk(3, queue_depth)', ['connector', 'instance', 'job']],
    ['count_values("value", queue_depth)', ['value']],
    ['histogram_quantile(0.9, sum by (le, connector) (rate(op_duration_seconds_bucket[5m])))', ['connector']],
    ['absent(up{job="sync", instance=~"a.*"})', ['job']],
    ['label_replace(up, "host", "$1", "instance", "(.*):.*")', ['host', 'instance', 'job']],
    ['queue_depth / on (connector) group_left (team) connector_info', ['connector', 'instance', 'job', 'team']],
    ['queue_depth > on (connector) sum by (connector) (queue_depth)', ['connector']],
    ['queue_depth - ignoring (instance) queue_depth', ['connector', 'job']],
    ['queue_depth and on (connector) connector_info', ['connector', 'instance', 'job']],
    ['up or queue_depth', ['instance', 'job']],
    ['vector(1)', []],
    ['1 - queue_depth / 2', ['connector', 'instance', 'job']],
  ])('%s keeps %j', (expr, labels) => {
    const result = analyze(expr);
    expect(result.messages).toEqual([]);
    expect(result.labels).toEqual(labels);
  });

  it('does not know the labels of ALERTS-like series declared without them', () => {
    const result = analyzePromql('sum by (alertname) (ALERTS)', (name) => (name === 'ALERTS' ? { labels: null, kind: 'gauge' } : undefined));
    expect(result.problems).toEqual([]);
    expect(result.labels).toEqual(new Set(['alertname']));
  });
});

describe('problems an expression can have', () => {
  it.each([
    ['sum(rate(ops_total[5m])', 'syntax error: unexpected end of expression'],
    ['rate(ops_total[5m]) >', 'syntax error: unexpected end of expression'],
    ['rate(opps_total[5m])', 'unknown metric "opps_total": it is in neither the catalog nor the recording rules'],
    ['queue_depth{conector="a"}', 'metric "queue_depth" has no label "conector" (did you mean "connector"?)'],
    ['rate(queue_depth)', 'argument 1 of rate() must be a range vector, not an instant vector'],
    ['sum(ops_total[5m])', 'sum aggregates an instant vector, not a range vector'],
    ['histogram_quantile(0.9, sum by (connector) (rate(op_duration_seconds_bucket[5m])))', 'histogram_quantile() needs the le label, and its argument does not keep it'],
    ['sum by (status) (sum by (connector) (queue_depth))', 'sum groups by "status", which the aggregated expression does not carry'],
    ['queue_depth / on (team) connector_info', 'on (team): the left side does not carry team'],
    ['queue_depth * on (connector) group_left (owner) connector_info', 'group_left copies owner, which the right side does not carry'],
    ['1 > 2', 'comparing two scalars needs the bool modifier: > bool'],
    ['ops_total[5m] + 1', 'operator + needs scalars or instant vectors on both sides'],
    ['queue_depth / on (connector) 2', 'vector matching (on, ignoring, group_left, group_right) only allowed between instant vectors'],
    ['queue_depth * on (connector) group_left (connector) connector_info', 'connector both in on (...) and in group_left (...): Prometheus refuses a label in both'],
    ['round()', 'round() takes 1 to 2 arguments, got 0'],
    ['rate_of(ops_total[5m])', 'unknown function "rate_of"'],
    // Prometheus compiles regexes with Go's RE2, as promtool would report.
    ['ops_total{connector=~"crm(?=-eu)"}', 'regex connector=~"crm(?=-eu)" does not compile: error parsing regexp: invalid or unsupported Perl syntax: `(?=`'],
    ['ops_total{status!~"(5)\\\\1"}', 'regex status!~"(5)\\\\1" does not compile: error parsing regexp: invalid escape sequence: `\\1`'],
  ])('%s: %s', (expr, message) => {
    expect(analyze(expr).messages).toContain(message);
  });

  it('takes vector matching with a scalar when it names no label, as Prometheus does', () => {
    expect(analyze('queue_depth / on () group_left scalar(sum(queue_depth))').messages).toEqual([]);
    expect(analyze('queue_depth - ignoring () 1').messages).toEqual([]);
  });

  it('takes RE2 syntax that JavaScript lacks', () => {
    expect(analyze('ops_total{connector=~"(?i)CRM|[[:alpha:]]+-eu"}').messages).toEqual([]);
  });

  it('reports where the problem is', () => {
    const [problem] = analyzePromql('sum(rate(opps_total[5m]))', (n) => SERIES[n]).problems;
    expect(problem).toMatchObject({ from: 9, to: 19 });
  });

  it('lists the selectors read with their kind, range and function, for lint', () => {
    expect(analyze('increase(ops_total[1h]) / deriv(queue_depth[10m])').selectors).toEqual([
      { name: 'ops_total', kind: 'counter', range: '1h', fn: 'increase', from: 9, to: 18 },
      { name: 'queue_depth', kind: 'gauge', range: '10m', fn: 'deriv', from: 32, to: 43 },
    ]);
  });
});

describe('a long chain of operators, which Prometheus takes and lezer cuts short', () => {
  const chain = (names: readonly string[]) => names.join(' or ');
  const names = (from: number, n: number) => Array.from({ length: n }, (_, i) => `up{instance="i${from + i}"}`);

  it('says why, and what to write, rather than a bare syntax error, and never throws', () => {
    for (const n of [500, 5000]) {
      const [problem] = analyzePromql(chain(names(0, n)), (name) => SERIES[name]).problems;
      expect(problem?.hint).toMatch(/gives up on a long chain of binary operators \(some hundred past its 2,000th character\), which Prometheus takes: put parentheses around parts of at most 100 operands/);
    }
  });

  it('reads the chain in parentheses of 100', () => {
    const parts = Array.from({ length: 50 }, (_, k) => `(${chain(names(k * 100, 100))})`);
    expect(analyze(chain(parts)).messages).toEqual([]);
  });
});
