/** Performance: latency, throughput in records and bytes, pools, the hosts underneath, and the SLOs. */
import { avg, dashboard, eq, histogramQuantile, panel, promql, query, rate, RATE_INTERVAL, row, sum } from 'alertforge';
import {
  nodeCpuSeconds, nodeFilesystemAvail, nodeFilesystemSize, nodeMemoryAvailable, nodeMemoryTotal, nodeNetworkReceive, nodeNetworkTransmit,
  poolConnectionsInUse, poolConnectionsMax, syncBytes, syncDuration, syncRecords, websocketSessions,
} from '../rules/metrics.ts';
import { connectorOperationLatencyP95 } from '../rules/sync.rules.ts';
import { alertAnnotation, links, pickedConnectors, variables } from './shared.ts';

const latency = (phi: number) =>
  query(histogramQuantile(phi, sum(rate(syncDuration.bucket(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'le'] })), { legend: (l) => `p${phi * 100} ${l.connector}` });

export const performance = dashboard({
  uid: 'sync-performance',
  title: 'Sync Performance',
  tags: ['sync', 'performance'],
  links,
  variables,
  alertAnnotation,
  rows: [
    row('Latency', [
      panel.timeseries({ title: 'Latency percentiles per connector', unit: 's', queries: [latency(0.5), latency(0.95), latency(0.99)] }),
      panel.timeseries({
        title: 'p95 latency per connector and operation',
        unit: 's',
        thresholds: { steps: [{ value: 2, color: 'red' }] },
        thresholdLines: true,
        queries: [query(connectorOperationLatencyP95.select(pickedConnectors), { legend: (l) => `${l.connector} ${l.operation}` })],
      }),
      panel.heatmap({ title: 'Latency distribution', width: 24, buckets: sum(rate(syncDuration.bucket(pickedConnectors).range(RATE_INTERVAL)), { by: ['le'] }) }),
    ]),
    row('Throughput', [
      panel.timeseries({ title: 'Records per second', queries: [query(sum(rate(syncRecords.select(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'direction'] }), { legend: (l) => `${l.connector} ${l.direction}` })] }),
      panel.timeseries({ title: 'Bytes per second', unit: 'Bps', queries: [query(sum(rate(syncBytes.select(pickedConnectors).range(RATE_INTERVAL)), { by: ['connector', 'direction'] }), { legend: (l) => `${l.connector} ${l.direction}` })] }),
    ]),
    row('Connections', [
      panel.barGauge({
        title: 'Connection pool use',
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: { steps: [{ value: 0.75, color: 'orange' }, { value: 0.9, color: 'red' }] },
        queries: [query(sum(poolConnectionsInUse.select(), { by: ['pool'] }).div(sum(poolConnectionsMax.select(), { by: ['pool'] })), { legend: (l) => l.pool, instant: true })],
      }),
      panel.timeseries({ title: 'WebSocket sessions', queries: [query(sum(websocketSessions.select(), { by: ['instance'] }), { legend: (l) => l.instance })] }),
    ]),
    row('Hosts', [
      panel.timeseries({
        title: 'CPU busy',
        unit: 'percentunit',
        max: 1,
        width: 6,
        queries: [query(promql`1 - ${avg(rate(nodeCpuSeconds.select({ mode: eq('idle') }).range(RATE_INTERVAL)), { by: ['instance'] })}`, { legend: '{{instance}}' })],
      }),
      panel.timeseries({ title: 'Memory available', unit: 'percentunit', max: 1, width: 6, queries: [query(nodeMemoryAvailable.select().div(nodeMemoryTotal.select()), { legend: (l) => l.instance })] }),
      panel.timeseries({
        title: 'Disk free',
        unit: 'percentunit',
        max: 1,
        width: 6,
        queries: [query(nodeFilesystemAvail.select().div(nodeFilesystemSize.select()), { legend: (l) => `${l.instance} ${l.mountpoint}` })],
      }),
      panel.timeseries({
        title: 'Network',
        unit: 'Bps',
        width: 6,
        queries: [
          query(sum(rate(nodeNetworkReceive.range(RATE_INTERVAL)), { by: ['instance'] }), { legend: (l) => `${l.instance} in` }),
          query(sum(rate(nodeNetworkTransmit.range(RATE_INTERVAL)), { by: ['instance'] }), { legend: (l) => `${l.instance} out` }),
        ],
      }),
    ]),
    row('Service level objectives', [
      panel.stat({ title: 'Sync success (30 days)', unit: 'percentunit', decimals: 3, width: 6, queries: [query(promql`1 - slo:sli_error:ratio_rate30d{slo="sync-success"}`)] }),
      panel.stat({ title: 'Objective', unit: 'percentunit', decimals: 3, width: 6, queries: [query(promql`slo:objective:ratio{slo="sync-success"}`)] }),
      panel.gauge({
        title: 'Error budget remaining',
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 6,
        thresholds: { base: 'red', steps: [{ value: 0.25, color: 'orange' }, { value: 0.5, color: 'green' }] },
        queries: [query(promql`slo:period_error_budget_remaining:ratio`, { legend: '{{slo}}' })],
      }),
      panel.timeseries({ title: 'Burn rate', width: 6, thresholds: { steps: [{ value: 1, color: 'red' }] }, thresholdLines: true, queries: [query(promql`slo:current_burn_rate:ratio`, { legend: '{{slo}}' })] }),
    ]),
  ],
});
