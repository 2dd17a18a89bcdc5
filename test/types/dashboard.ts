/** Type-level tests of the dashboard builders: each @ts-expect-error line must be a compile error. */
import { counter, customVariable, dashboard, histogram, intervalVariable, labelValues, panel, query, rate, row, sum } from '../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['connector', 'status'] });
const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['connector'], buckets: [1] });
const byConnector = sum(rate(ops.range('5m')), { by: ['connector'] });

// Legends name only the labels a query keeps.
query(byConnector, { legend: (l) => l.connector });
// @ts-expect-error the query does not keep status
query(byConnector, { legend: (l) => l.status });

// Units are Grafana's unit ids.
panel.stat({ title: 'x', unit: 'ms', queries: [] });
// @ts-expect-error not a Grafana unit
panel.timeseries({ title: 'x', unit: 'milliseconds', queries: [] });

// Panel options take only the values Grafana knows.
// @ts-expect-error stacking is none, normal or percent
panel.timeseries({ title: 'x', stacking: 'stacked', queries: [] });
// @ts-expect-error a legend calc Grafana does not have
panel.timeseries({ title: 'x', legend: { calcs: ['median'] }, queries: [] });
// @ts-expect-error not a Grafana colour
panel.stat({ title: 'x', thresholds: { steps: [{ value: 1, color: 'crimson' }] }, queries: [] });
// @ts-expect-error Grafana's first, valueless step is the base colour, not a step
panel.stat({ title: 'x', thresholds: { steps: [{ value: null, color: 'green' }] }, queries: [] });
// @ts-expect-error positions are computed: a panel takes no grid coordinates
panel.text({ title: 'x', content: '', gridPos: { x: 0, y: 0, w: 12, h: 8 } });
// @ts-expect-error a value panel needs queries
panel.gauge({ title: 'x' });
// @ts-expect-error colorMode belongs to stat panels
panel.gauge({ title: 'x', colorMode: 'background', queries: [] });

// A heatmap draws a histogram's buckets, aggregated by le and nothing else.
panel.heatmap({ title: 'x', buckets: sum(rate(latency.bucket().range('5m')), { by: ['le'] }) });
// @ts-expect-error a heatmap needs buckets aggregated by le
panel.heatmap({ title: 'x', buckets: byConnector });

// Variables: label_values offers only the metric's labels; intervals are durations.
labelValues({ name: 'c', metric: ops, label: 'instance' });
// @ts-expect-error ops_total has no label "conector"
labelValues({ name: 'c', metric: ops, label: 'conector' });
// @ts-expect-error not a Prometheus duration
intervalVariable({ name: 'w', values: ['five minutes'] });
// @ts-expect-error a variable's matcher goes on a label the metric has
ops.select({ region: customVariable({ name: 'r', values: ['eu'] }).matcher });

// Dashboards: refresh is a duration or off; rows hold panels.
dashboard({ uid: 'd', title: 'D', refresh: false, rows: [row('r', [panel.text({ title: 't', content: '' })])] });
// @ts-expect-error refresh is a duration
dashboard({ uid: 'd', title: 'D', refresh: 'often' });
// @ts-expect-error timezone is browser or utc
dashboard({ uid: 'd', title: 'D', timezone: 'Europe/Paris' });
