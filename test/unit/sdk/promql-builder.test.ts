import { describe, expect, it } from 'vitest';
import {
  absent, absentOverTime, avg, counter, count, delta, deriv, gauge, histogram, histogramQuantile, increase, irate, labelReplace, max, min, ne, nre,
  oneOf, predictLinear, promql, quantile, rate, re, record, scalar, subquery, sum, time, topk, vector,
} from '../../../src/sdk/index.ts';

const ops = counter({ name: 'sync_operations_total', help: 'Ops.', labels: ['connector', 'operation', 'status'] });
const depth = gauge({ name: 'sync_queue_depth', help: 'Depth.', labels: ['connector'] });
const latency = histogram({ name: 'sync_operation_duration_seconds', help: 'Latency.', labels: ['connector'], buckets: [0.1, 1] });

describe('selectors', () => {
  it('prints matchers of every kind in the order written, values escaped', () => {
    expect(ops.select({ connector: 'a"b', status: ne('ok'), operation: re('read|write') }).text).toBe(
      'sync_operations_total{connector="a\\"b", status!="ok", operation=~"read|write"}',
    );
    expect(ops.select({ operation: nre('delete') }).text).toBe('sync_operations_total{operation!~"delete"}');
    expect(ops.select({ connector: oneOf(['a.b', 'c']) }).text).toBe('sync_operations_total{connector=~"a\\\\.b|c"}');
  });

  it('prints ranges and offsets', () => {
    expect(ops.range('5m').text).toBe('sync_operations_total[5m]');
    expect(ops.select().offset('1h').text).toBe('sync_operations_total offset 1h');
    expect(ops.range('5m').offset('1d').text).toBe('sync_operations_total[5m] offset 1d');
  });

  it("selects a histogram's bucket, count and sum series", () => {
    expect(latency.bucket({ le: '+Inf' }).text).toBe('sync_operation_duration_seconds_bucket{le="+Inf"}');
    expect(latency.count().text).toBe('sync_operation_duration_seconds_count');
    expect(latency.sum({ connector: 'a' }).text).toBe('sync_operation_duration_seconds_sum{connector="a"}');
  });
});

describe('functions and aggregations', () => {
  it('prints range functions', () => {
    expect(rate(ops.range('5m')).text).toBe('rate(sync_operations_total[5m])');
    expect(irate(ops.range('1m')).text).toBe('irate(sync_operations_total[1m])');
    expect(increase(ops.range('1h')).text).toBe('increase(sync_operations_total[1h])');
    expect(delta(depth.range('10m')).text).toBe('delta(sync_queue_depth[10m])');
    expect(deriv(depth.range('10m')).text).toBe('deriv(sync_queue_depth[10m])');
    expect(predictLinear(depth.range('6h'), 4 * 3600).text).toBe('predict_linear(sync_queue_depth[6h], 14400)');
    expect(absentOverTime(depth.range('10m')).text).toBe('absent_over_time(sync_queue_depth[10m])');
    expect(absent(ops.select({ connector: 'a' })).text).toBe('absent(sync_operations_total{connector="a"})');
  });

  it('prints aggregations by, without and bare', () => {
    const r = rate(ops.range('5m'));
    expect(sum(r, { by: ['connector', 'status'] }).text).toBe('sum by (connector, status) (rate(sync_operations_total[5m]))');
    expect(avg(r, { without: ['instance'] }).text).toBe('avg without (instance) (rate(sync_operations_total[5m]))');
    expect(max(depth.select()).text).toBe('max (sync_queue_depth)');
    expect(min(depth.select(), { by: ['connector'] }).text).toBe('min by (connector) (sync_queue_depth)');
    expect(count(depth.select()).text).toBe('count (sync_queue_depth)');
    expect(topk(3, r, { by: ['connector'] }).text).toBe('topk by (connector) (3, rate(sync_operations_total[5m]))');
    expect(quantile(0.9, depth.select()).text).toBe('quantile (0.9, sync_queue_depth)');
  });

  it('prints histogram_quantile over aggregated buckets', () => {
    const p95 = histogramQuantile(0.95, sum(rate(latency.bucket().range('5m')), { by: ['connector', 'le'] }));
    expect(p95.text).toBe('histogram_quantile(0.95, sum by (connector, le) (rate(sync_operation_duration_seconds_bucket[5m])))');
  });

  it('prints label_replace, scalars, vector() and subqueries', () => {
    expect(labelReplace(depth.select(), 'team', 'sync', 'connector', '.*').text).toBe('label_replace(sync_queue_depth, "team", "sync", "connector", ".*")');
    expect(time().text).toBe('time()');
    expect(scalar(sum(depth.select())).text).toBe('scalar(sum (sync_queue_depth))');
    expect(vector(1).text).toBe('vector(1)');
    expect(subquery(max(depth.select()), '1h', '1m').text).toBe('max (sync_queue_depth)[1h:1m]');
    expect(subquery(depth.select().add(1), '1h').text).toBe('(sync_queue_depth + 1)[1h:]');
  });
});

describe('operators', () => {
  const errors = sum(rate(ops.select({ status: ne('ok') }).range('5m')), { by: ['connector'] });
  const total = sum(rate(ops.range('5m')), { by: ['connector'] });

  it('prints ratios and comparisons without needless parentheses', () => {
    expect(errors.div(total).gt(0.05).text).toBe(
      'sum by (connector) (rate(sync_operations_total{status!="ok"}[5m])) / sum by (connector) (rate(sync_operations_total[5m])) > 0.05',
    );
  });

  it('adds the parentheses precedence and associativity need', () => {
    const a = depth.select();
    expect(a.add(1).mul(2).text).toBe('(sync_queue_depth + 1) * 2');
    expect(a.mul(2).add(1).text).toBe('sync_queue_depth * 2 + 1');
    expect(a.sub(a.sub(1)).text).toBe('sync_queue_depth - (sync_queue_depth - 1)');
    expect(a.pow(2).pow(3).text).toBe('(sync_queue_depth ^ 2) ^ 3');
    expect(a.gt(1).or(a.lt(0)).text).toBe('sync_queue_depth > 1 or sync_queue_depth < 0');
    expect(a.gt(1).and(a.lt(5)).or(a.eq(0)).text).toBe('sync_queue_depth > 1 and sync_queue_depth < 5 or sync_queue_depth == 0');
    expect(a.gt(1).or(a.lt(0)).and(a.ne(3)).text).toBe('(sync_queue_depth > 1 or sync_queue_depth < 0) and sync_queue_depth != 3');
  });

  it('prints vector matching and the bool modifier', () => {
    const info = promql<'connector' | 'team'>('sync_connector_info');
    expect(errors.div(total, { on: ['connector'] }).text).toContain('/ on (connector) sum by');
    expect(errors.mul(info, { on: ['connector'], groupLeft: ['team'] }).text).toBe(
      'sum by (connector) (rate(sync_operations_total{status!="ok"}[5m])) * on (connector) group_left (team) (sync_connector_info)',
    );
    expect(depth.select().gt(5, { bool: true }).text).toBe('sync_queue_depth > bool 5');
    expect(depth.select().unless(depth.select().offset('1h'), { ignoring: ['instance'] }).text).toBe('sync_queue_depth unless ignoring (instance) sync_queue_depth offset 1h');
  });
});

describe('raw PromQL and recording rules', () => {
  it('interpolates metrics and expressions into raw PromQL, parenthesising raw text when composed', () => {
    const raw = promql`sum(rate(${ops}[5m])) by (connector)`;
    expect(raw.text).toBe('sum(rate(sync_operations_total[5m])) by (connector)');
    expect(raw.gt(1).text).toBe('(sum(rate(sync_operations_total[5m])) by (connector)) > 1');
    expect(promql`${depth.select().add(1)} * 2`.text).toBe('(sync_queue_depth + 1) * 2');
  });

  it('selects a recording rule like a metric', () => {
    const r = record({ name: 'connector:sync_queue_depth:max', expr: max(depth.select(), { by: ['connector'] }) });
    expect(r.expr).toBe('max by (connector) (sync_queue_depth)');
    expect(r.select({ connector: 'a' }).gt(10).text).toBe('connector:sync_queue_depth:max{connector="a"} > 10');
    expect(r.range('5m').text).toBe('connector:sync_queue_depth:max[5m]');
  });
});
