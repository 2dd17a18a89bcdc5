/**
 * The sync pipeline itself: are operations succeeding, fast enough, and moving at all.
 */
import { alert, deriv, describeDuration, eq, histogramQuantile, increase, ne, rate, record, ruleGroup, sum, type Duration, type Severity } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { activeJobs, queueDepth, syncDuration, syncOperations } from './metrics.ts';

/** Failed share of each connector's sync operations over 5 minutes; dashboards read it too. */
export const connectorErrorRatio = record({
  name: 'connector:sync_operations_errors:ratio_rate5m',
  expr: sum(rate(syncOperations.select({ status: ne('ok') }).range('5m')), { by: ['connector'] }).div(
    sum(rate(syncOperations.range('5m')), { by: ['connector'] }),
  ),
});

/** Operations per second of each connector and operation. */
export const connectorOperationRate = record({
  name: 'connector_operation:sync_operations:rate5m',
  expr: sum(rate(syncOperations.range('5m')), { by: ['connector', 'operation'] }),
});

/** p95 latency of each connector and operation. */
export const connectorOperationLatencyP95 = record({
  name: 'connector_operation:sync_operation_duration_seconds:p95_rate5m',
  expr: histogramQuantile(0.95, sum(rate(syncDuration.bucket().range('5m')), { by: ['connector', 'operation', 'le'] })),
});

/** One condition at two thresholds: a warning while it is a trickle, a page when it is a flood. */
function errorRatioAlert(props: { name: string; above: number; for: Duration; severity: Severity }) {
  const percent = `${props.above * 100}%`;
  return alert({
    name: props.name,
    expr: connectorErrorRatio.select().gt(props.above),
    for: props.for,
    severity: props.severity,
    when: `the error ratio of a connector's sync operations stays above ${percent}`,
    summary: (t) => `Connector ${t.labels.connector} fails ${t.valuePercent} of its sync operations`,
    description: (t) =>
      `More than ${percent} of the sync operations of connector ${t.labels.connector} have failed for ${describeDuration(props.for)} (now ${t.valuePercent}). Records are not reaching the target store.`,
    runbook: `${RUNBOOKS}/sync-error-rate-high`,
    labels: SYNC_TEAM,
  });
}

export const sync = ruleGroup({
  name: 'sync',
  interval: '30s',
  rules: [
    connectorErrorRatio,
    connectorOperationRate,
    connectorOperationLatencyP95,
    errorRatioAlert({ name: 'SyncErrorRateHigh', above: 0.05, for: '5m', severity: 'critical' }),
    errorRatioAlert({ name: 'SyncErrorRateElevated', above: 0.01, for: '15m', severity: 'warning' }),
    alert({
      name: 'SyncLatencyHigh',
      expr: connectorOperationLatencyP95.select().gt(2),
      for: '10m',
      severity: 'warning',
      when: 'the 95th percentile latency of a connector\'s operation stays above 2 seconds',
      summary: (t) => `p95 latency of ${t.labels.operation} on ${t.labels.connector} is ${t.valueDuration}`,
      description: (t) =>
        `95% of ${t.labels.operation} operations of connector ${t.labels.connector} should finish within 2 s; for 10 minutes the 95th percentile has been ${t.valueDuration}.`,
      runbook: `${RUNBOOKS}/sync-latency-high`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'SyncStalled',
      expr: sum(increase(syncOperations.select({ status: eq('ok') }).range('10m')), { by: ['connector'] })
        .eq(0)
        .and(sum(activeJobs.select(), { by: ['connector'] }).gt(0), { on: ['connector'] }),
      for: '10m',
      // A stalled connector often completes a burst of operations on retry, then stalls again.
      keepFiringFor: '15m',
      severity: 'critical',
      when: 'a connector has active sync jobs but completed no successful operation in 10 minutes',
      summary: (t) => `Connector ${t.labels.connector} has active jobs but completes no operation`,
      description: (t) =>
        `Connector ${t.labels.connector} has had sync jobs running without a single successful operation for 20 minutes: the pipeline is stuck.`,
      runbook: `${RUNBOOKS}/sync-stalled`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'SyncQueueBacklogGrowing',
      expr: sum(queueDepth.select(), { by: ['connector'] })
        .gt(1000)
        .and(sum(deriv(queueDepth.range('15m')), { by: ['connector'] }).gt(0), { on: ['connector'] }),
      for: '15m',
      severity: 'warning',
      when: "a connector's sync queue holds more than 1000 records and keeps growing",
      summary: (t) => `Sync queue of ${t.labels.connector} holds ${t.valueHumanized} records and is growing`,
      description: (t) =>
        `The queue of connector ${t.labels.connector} has held more than 1000 records for 15 minutes and is still growing (${t.valueHumanized} now): the connector cannot keep up.`,
      runbook: `${RUNBOOKS}/sync-queue-backlog`,
      labels: SYNC_TEAM,
    }),
  ],
});
