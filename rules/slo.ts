/**
 * The sync service's service level objectives: what its users are promised, and the burn-rate
 * alerts that page before the month's error budget is gone.
 */
import { ne, slo } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { syncDuration, syncOperations } from './metrics.ts';

/** 99.5% of sync operations succeed, over 30 days. */
export const syncSuccess = slo({
  service: 'sync-service',
  name: 'sync-success',
  description: '99.5% of sync operations succeed.',
  objective: 99.5,
  sli: { bad: syncOperations.select({ status: ne('ok') }), total: syncOperations.select() },
  labels: SYNC_TEAM,
  runbook: `${RUNBOOKS}/slo-sync-success`,
  // The 30-day ratio averages every 5m ratio of the month: once a minute is often enough.
  interval: '1m',
});

/** 95% of sync operations finish within 2 seconds, over 30 days. */
export const syncLatency = slo({
  service: 'sync-service',
  name: 'sync-latency',
  description: '95% of sync operations finish within 2 seconds.',
  objective: 95,
  sli: { histogram: syncDuration, threshold: 2 },
  labels: SYNC_TEAM,
  runbook: `${RUNBOOKS}/slo-sync-latency`,
  interval: '1m',
});
