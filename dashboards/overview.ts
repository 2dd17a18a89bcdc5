/** Sync System Overview: is data moving, how much fails, what is waiting, what is firing. */
import { dashboard, panel, promql, query, rate, RATE_INTERVAL, row, sum } from 'alertforge';
import { activeJobs, queueDepth, syncOperations, syncRecords } from '../rules/metrics.ts';
import { connectorErrorRatio } from '../rules/sync.rules.ts';
import { alertAnnotation, firingAlerts, links, pickedConnectors, variables } from './shared.ts';

export const overview = dashboard({
  uid: 'sync-overview',
  title: 'Sync System Overview',
  tags: ['sync', 'overview'],
  links,
  variables,
  alertAnnotation,
  rows: [
    row('Now', [
      panel.stat({ title: 'Operations per second', width: 6, height: 5, unit: 'ops', queries: [query(sum(rate(syncOperations.select(pickedConnectors).range(RATE_INTERVAL))))] }),
      panel.stat({
        title: 'Error ratio',
        width: 6,
        height: 5,
        unit: 'percentunit',
        decimals: 2,
        thresholds: { steps: [{ value: 0.01, color: 'orange' }, { value: 0.05, color: 'red' }] },
        queries: [query(promql`max(${connectorErrorRatio}{connector=~"$connector"})`)],
      }),
      panel.stat({ title: 'Active jobs', width: 6, height: 5, queries: [query(sum(activeJobs.select(pickedConnectors)))] }),
      panel.stat({
        title: 'Alerts firing',
        width: 6,
        height: 5,
        colorMode: 'background',
        thresholds: { steps: [{ value: 1, color: 'red' }] },
        queries: [query(promql`count(${firingAlerts}) or vector(0)`)],
      }),
    ]),
    row('Throughput', [
      panel.timeseries({
        title: 'Operations per second by connector and status',
        unit: 'ops',
        stacking: 'normal',
        queries: [query(sum(rate(syncOperations.select(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'status'] }), { legend: (l) => `${l.connector} ${l.status}` })],
      }),
      panel.timeseries({
        title: 'Records per second',
        unit: 'short',
        queries: [query(sum(rate(syncRecords.select(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'direction'] }), { legend: (l) => `${l.connector} ${l.direction}` })],
      }),
    ]),
    row('Errors and backlog', [
      panel.timeseries({
        title: 'Error ratio by connector',
        unit: 'percentunit',
        thresholds: { steps: [{ value: 0.05, color: 'red' }] },
        thresholdLines: true,
        queries: [query(connectorErrorRatio.select(pickedConnectors), { legend: (l) => l.connector })],
      }),
      panel.timeseries({ title: 'Queue depth', unit: 'short', queries: [query(sum(queueDepth.select(pickedConnectors), { by: ['connector'] }), { legend: (l) => l.connector })] }),
      panel.table({
        title: 'Firing alerts',
        width: 24,
        queries: [query(promql`sum by (alertname, severity, connector) (${firingAlerts})`)],
      }),
    ]),
  ],
});
