import { alert, ne, rate, ruleGroup, sum, record } from 'alertforge';
import { syncOperations } from './metrics.ts';

export const connectorErrorRatio = record({
  name: 'connector:sync_operations_errors:ratio_rate5m',
  expr: sum(rate(syncOperations.select({ status: ne('ok') }).range('5m')), { by: ['connector'] }).div(sum(rate(syncOperations.range('5m')), { by: ['connector'] })),
});

export const sync = ruleGroup({
  name: 'sync',
  interval: '30s',
  rules: [
    connectorErrorRatio,
    alert({
      name: 'SyncErrorRateHigh',
      expr: connectorErrorRatio.select().gt(0.05),
      for: '5m',
      severity: 'critical',
      when: "the error ratio of a connector's sync operations stays above 5%",
      summary: (t) => `Connector ${t.labels.connector} fails ${t.valuePercent} of its sync operations`,
      labels: { team: 'sync' },
    }),
  ],
});
