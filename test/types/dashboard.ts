/** Type-level tests of the dashboard builders: each @ts-expect-error line must be a compile error. */
import { counter, labelValues, panel, query, rate, sum } from '../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Ops.', labels: ['connector', 'status'] });
const byConnector = sum(rate(ops.range('5m')), { by: ['connector'] });

query(byConnector, { legend: (l) => l.connector });
// @ts-expect-error the query does not keep status
query(byConnector, { legend: (l) => l.status });
// @ts-expect-error not a Grafana unit
panel.timeseries({ title: 'x', unit: 'milliseconds', queries: [] });
// @ts-expect-error stacking is none, normal or percent
panel.timeseries({ title: 'x', stacking: 'stacked', queries: [] });
// @ts-expect-error a heatmap needs buckets aggregated by le
panel.heatmap({ title: 'x', buckets: byConnector });
// @ts-expect-error ops_total has no label "conector"
labelValues({ name: 'c', metric: ops, label: 'conector' });
