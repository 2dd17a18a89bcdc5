import { describe, expect, it } from 'vitest';
import { counter, histogram, record, ruleTest, series, histogramSeries, sum, rate } from '../../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['status'] });
const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['route'], buckets: [0.5, 2] });

describe('rule test inputs and expectations', () => {
  it('writes series as promtool reads them, from expanding notation or a list', () => {
    expect(series(ops, { status: 'ok', instance: 'a:1' }, '0+10x5')).toEqual({ series: 'ops_total{status="ok", instance="a:1"}', labels: { status: 'ok', instance: 'a:1' }, values: '0+10x5' });
    expect(series(ops, {}, [1, '_', 3, 'stale']).values).toBe('1 _ 3 stale');
    // JavaScript writes Infinity, which promtool does not read.
    expect(series(ops, {}, [Infinity, -Infinity, NaN, 1e21]).values).toBe('+Inf -Inf NaN 1e+21');
  });

  it('gives a histogram its buckets and a _count equal to the +Inf bucket', () => {
    expect(histogramSeries(latency, { route: '/sync' }, { '2': '0+9x5', '+Inf': '0+10x5' }).map((s) => [s.series, s.values])).toEqual([
      ['op_duration_seconds_bucket{route="/sync", le="2"}', '0+9x5'],
      ['op_duration_seconds_bucket{route="/sync", le="+Inf"}', '0+10x5'],
      ['op_duration_seconds_count{route="/sync"}', '0+10x5'],
    ]);
  });

  it('adds a histogram\'s _sum series when its values are given, for rules on rate(_sum) / rate(_count)', () => {
    expect(histogramSeries(latency, { route: '/sync' }, { '+Inf': '0+10x5' }, '0+2.5x5').map((s) => [s.series, s.values])).toEqual([
      ['op_duration_seconds_bucket{route="/sync", le="+Inf"}', '0+10x5'],
      ['op_duration_seconds_count{route="/sync"}', '0+10x5'],
      ['op_duration_seconds_sum{route="/sync"}', '0+2.5x5'],
    ]);
  });

  it('knows a recording rule by the object, so its labels can be completed', () => {
    const opsRate = record({ name: 'job:ops:rate5m', expr: sum(rate(ops.range('5m'))) });
    const t = ruleTest({ name: 't', series: [], values: [{ at: '5m', expr: opsRate, samples: [{ value: 1 }] }, { at: '5m', expr: 'vector(1)', samples: [] }] });
    expect(t.values.map((v) => [v.expr, v.recording])).toEqual([['job:ops:rate5m', 'job:ops:rate5m'], ['vector(1)', undefined]]);
    expect(t.interval).toBe('1m');
  });
});
