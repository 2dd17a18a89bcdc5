import { describe, expect, it } from 'vitest';
import { counter, customVariable, datasourceVariable, histogram, intervalVariable, labelValues, rate, RATE_INTERVAL, sum } from '../../../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['connector', 'status'] });
const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['connector'], buckets: [1] });

describe('template variables', () => {
  it('label_values reads a counter by name and a histogram through its _count series', () => {
    expect(labelValues({ name: 'connector', metric: ops, label: 'connector' })).toMatchObject({ type: 'label_values', series: 'ops_total', labelName: 'connector', multi: true, includeAll: true, ref: '$connector' });
    expect(labelValues({ name: 'c', metric: latency, label: 'connector' }).series).toBe('op_duration_seconds_count');
  });

  it('matches the picked values by regex when several may be picked, else by equality', () => {
    const many = labelValues({ name: 'connector', metric: ops, label: 'connector' });
    expect(ops.select({ connector: many.matcher }).text).toBe('ops_total{connector=~"$connector"}');
    const one = customVariable({ name: 'status', values: ['ok', 'error'] });
    expect(ops.select({ status: one.matcher }).text).toBe('ops_total{status="$status"}');
  });

  it('an interval variable and Grafana’s rate interval fit a range', () => {
    const window = intervalVariable({ name: 'window', values: ['5m', '1h'] });
    expect(sum(rate(ops.range(window.duration))).text).toBe('sum (rate(ops_total[$window]))');
    expect(rate(ops.range(RATE_INTERVAL)).text).toBe('rate(ops_total[$__rate_interval])');
  });

  it('a datasource variable is named datasource unless told otherwise', () => {
    expect(datasourceVariable()).toEqual({ type: 'datasource', name: 'datasource', ref: '$datasource', label: 'Data source' });
    expect(datasourceVariable({ name: 'prom' }).ref).toBe('$prom');
  });
});
