/** The sync pipeline's alerts, each shown firing and quiet just below its threshold. */
import { histogramSeries, ruleTest, series } from 'alertforge';
import { activeJobs, queueDepth, syncDuration, syncOperations } from './metrics.ts';
import { connectorErrorRatio, connectorOperationRate } from './sync.rules.ts';

/** Writes of connector crm per minute: `ok` succeed, `failed` fail. */
function writes(ok: number, failed: number) {
  const labels = { connector: 'crm', operation: 'write' } as const;
  return [series(syncOperations, { ...labels, status: 'ok' }, `0+${ok}x40`), series(syncOperations, { ...labels, status: 'error' }, `0+${failed}x40`)];
}

export const errorRateHigh = ruleTest({
  name: 'SyncErrorRateHigh fires when 10% of a connector\'s operations fail for 5 minutes',
  series: writes(90, 10),
  alerts: [{ at: '15m', alert: 'SyncErrorRateHigh', firing: [{ labels: { connector: 'crm' }, value: 0.1 }] }],
  values: [{ at: '15m', expr: connectorErrorRatio, samples: [{ value: 0.1 }] }],
});

export const operationRate = ruleTest({
  name: 'connector_operation:sync_operations:rate5m counts operations a second, failed ones included',
  series: writes(54, 6),
  values: [{ at: '10m', expr: connectorOperationRate, samples: [{ value: 1 }] }],
});

export const errorRateHighQuiet = ruleTest({
  name: 'SyncErrorRateHigh stays quiet at 4% failures',
  series: writes(96, 4),
  alerts: [{ at: '15m', alert: 'SyncErrorRateHigh', firing: [] }],
});

export const errorRateElevated = ruleTest({
  name: 'SyncErrorRateElevated fires when 2% of operations fail for 15 minutes',
  series: writes(98, 2),
  alerts: [{ at: '30m', alert: 'SyncErrorRateElevated', firing: [{ value: 0.02 }] }],
});

export const errorRateElevatedQuiet = ruleTest({
  name: 'SyncErrorRateElevated stays quiet at 0.9% failures',
  series: writes(991, 9),
  alerts: [{ at: '30m', alert: 'SyncErrorRateElevated', firing: [] }],
});

/** 100 writes of crm a minute, with `within2s` of them finishing within 2 seconds. */
function latencies(within2s: number) {
  return histogramSeries(syncDuration, { connector: 'crm', operation: 'write' }, { '1': '0+50x40', '2': `0+${within2s}x40`, '5': '0+100x40', '+Inf': '0+100x40' });
}

export const latencyHigh = ruleTest({
  name: 'SyncLatencyHigh fires when the p95 latency is 4.25 s for 10 minutes',
  series: latencies(80),
  // 95th of 100 observations: 15 into the 20 between 2 s and 5 s, 2 + 3 × 15/20 = 4.25 s.
  alerts: [{ at: '20m', alert: 'SyncLatencyHigh', firing: [{ labels: { connector: 'crm', operation: 'write' }, value: 4.25 }] }],
});

export const latencyHighQuiet = ruleTest({
  name: 'SyncLatencyHigh stays quiet when the p95 latency is just under 2 s',
  series: latencies(96),
  alerts: [{ at: '20m', alert: 'SyncLatencyHigh', firing: [] }],
});

export const stalled = ruleTest({
  name: 'SyncStalled fires when a connector has active jobs but no successful operation for 20 minutes',
  series: [series(syncOperations, { connector: 'crm', operation: 'write', status: 'ok' }, '100x40'), series(activeJobs, { connector: 'crm' }, '2x40')],
  alerts: [{ at: '25m', alert: 'SyncStalled', firing: [{}] }],
});

export const stalledQuiet = ruleTest({
  name: 'SyncStalled stays quiet while one operation a minute succeeds',
  series: [series(syncOperations, { connector: 'crm', operation: 'write', status: 'ok' }, '100+1x40'), series(activeJobs, { connector: 'crm' }, '2x40')],
  alerts: [{ at: '25m', alert: 'SyncStalled', firing: [] }],
});

export const backlogGrowing = ruleTest({
  name: 'SyncQueueBacklogGrowing fires when the queue holds over 1000 records and grows',
  series: [series(queueDepth, { connector: 'crm' }, '1000+10x40')],
  alerts: [{ at: '40m', alert: 'SyncQueueBacklogGrowing', firing: [{ value: 1400 }] }],
});

export const backlogGrowingQuiet = ruleTest({
  name: 'SyncQueueBacklogGrowing stays quiet while the growing queue stays under 1000',
  series: [series(queueDepth, { connector: 'crm' }, '900+2x40')],
  alerts: [{ at: '40m', alert: 'SyncQueueBacklogGrowing', firing: [] }],
});
