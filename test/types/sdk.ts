/**
 * Type-level tests of the authoring API: each @ts-expect-error line is a mistake that must be a
 * compile error. `npm test` type-checks this file (tsc fails on an unused @ts-expect-error too).
 */
import {
  absent, alert, avg, counter, gauge, histogram, histogramQuantile, ne, predictLinear, rate, record, ruleGroup, sum, topk,
} from '../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Ops.', labels: ['connector', 'status'] });
const depth = gauge({ name: 'queue_depth', help: 'Depth.', labels: ['connector'] });
const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['connector'], buckets: [1] });

// A label the metric does not have.
// @ts-expect-error 'conector' is not a label of ops_total
ops.select({ conector: 'a' });
ops.select({ connector: 'a', status: ne('ok'), job: 'sync', instance: 'h:1' });

// A `by` label the expression no longer carries.
const byConnector = sum(rate(ops.range('5m')), { by: ['connector'] });
// @ts-expect-error status was aggregated away
sum(byConnector, { by: ['status'] });
sum(byConnector, { by: ['connector'] });
// @ts-expect-error a bare sum keeps no label at all
avg(sum(depth.select()), { by: ['connector'] });

// rate and friends take counters, over a range.
// @ts-expect-error a gauge is not a counter
rate(depth.range('5m'));
// @ts-expect-error an instant vector is not a range
rate(ops.select());
// @ts-expect-error predict_linear is for gauges
predictLinear(ops.range('1h'), 3600);

// A histogram is read through its series, and histogram_quantile needs le.
// @ts-expect-error a histogram has no series of its own name
latency.select();
// @ts-expect-error the buckets lost le
histogramQuantile(0.9, sum(rate(latency.bucket().range('5m')), { by: ['connector'] }));
const p90 = histogramQuantile(0.9, sum(rate(latency.bucket().range('5m')), { by: ['connector', 'le'] }));
// @ts-expect-error histogram_quantile consumes le
sum(p90, { by: ['le'] });

// Vector matching keeps what Prometheus keeps.
const total = sum(rate(ops.range('5m')), { by: ['connector', 'status'] });
// @ts-expect-error one-to-one `on (connector)` keeps only connector
sum(total.div(byConnector, { on: ['connector'] }), { by: ['status'] });
sum(total.div(byConnector, { ignoring: ['status'] }), { by: ['connector'] });
// @ts-expect-error `on` needs a label both sides carry
total.div(byConnector, { on: ['status'] });
sum(topk(3, total), { by: ['status'] });

// Templates may name only labels the expression keeps.
alert({ name: 'Ok', expr: byConnector.gt(1), for: '5m', severity: 'warning', summary: (t) => `${t.labels.connector} ${t.valuePercent}` });
// External labels are declared in another file: any name types, and the build checks it.
alert({ name: 'External', expr: byConnector.gt(1), for: '5m', severity: 'warning', summary: (t) => `${t.labels.connector} in ${t.externalLabels.cluster}` });
// @ts-expect-error status was aggregated away
alert({ name: 'Dropped', expr: byConnector.gt(1), for: '5m', severity: 'warning', summary: (t) => t.labels.status });
// @ts-expect-error absent() keeps no label the type system can know
alert({ name: 'Absent', expr: absent(ops.select()), for: '5m', severity: 'critical', summary: (t) => t.labels.connector });
// @ts-expect-error severities are info, warning, critical, emergency
alert({ name: 'Bad', expr: byConnector, for: '5m', severity: 'page', summary: 'x' });
// @ts-expect-error `for` is required
alert({ name: 'NoFor', expr: byConnector, severity: 'info', summary: 'x' });
// @ts-expect-error `for` is a duration
alert({ name: 'BadFor', expr: byConnector, for: 'five minutes', severity: 'info', summary: 'x' });

// Recording rules are typed by their expression.
const recorded = record({ name: 'connector:ops:rate5m', expr: byConnector, labels: { team: 'sync' } });
recorded.select({ connector: 'a', team: 'sync' });
// @ts-expect-error the recorded series has no status
recorded.select({ status: 'ok' });
ruleGroup({ name: 'g', rules: [recorded] });
