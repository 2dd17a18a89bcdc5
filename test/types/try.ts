import { syncOperations, syncDuration } from '../../rules/metrics.ts';
import { sum, rate, histogramQuantile, alert, ne } from 'alertforge';
const errors = sum(rate(syncOperations.select({ status: ne('ok') }).range('5m')), { by: ['connector'] });
const total = sum(rate(syncOperations.range('5m')), { by: ['connector'] });
const ratio = errors.div(total).gt(0.05);
// @ts-expect-error wrong label
syncOperations.select({ conector: 'x' });
// @ts-expect-error dropped label
sum(errors, { by: ['operation'] });
// @ts-expect-error no le
histogramQuantile(0.95, sum(rate(syncDuration.bucket().range('5m')), { by: ['connector'] }));
const p95 = histogramQuantile(0.95, sum(rate(syncDuration.bucket().range('5m')), { by: ['connector', 'le'] }));
// @ts-expect-error gauge for rate
rate(p95 as any as import('alertforge').RangeVector<'a','gauge'>);
alert({ name: 'X', expr: ratio, for: '5m', severity: 'critical', summary: (t) => `${t.labels.connector} ${t.valuePercent}` });
// @ts-expect-error dropped template label
alert({ name: 'X', expr: ratio, for: '5m', severity: 'critical', summary: (t) => `${t.labels.operation}` });
// @ts-expect-error bad severity
alert({ name: 'X', expr: ratio, for: '5m', severity: 'urgent', summary: 'x' });
console.log(ratio.text); console.log(p95.text);
