/** Availability alerts, each shown firing and quiet. */
import { ruleTest, series } from 'alertforge';
import { SYNC_SERVICE_JOB } from './availability.rules.ts';
import { up } from './metrics.ts';

const syncTarget = { job: SYNC_SERVICE_JOB, instance: 'sync-1:8080' } as const;

export const targetDown = ruleTest({
  name: 'TargetDown fires when a target has failed its scrapes for 5 minutes',
  series: [series(up, syncTarget, '0x20')],
  alerts: [{ at: '10m', alert: 'TargetDown', firing: [{}] }],
});

export const targetDownQuiet = ruleTest({
  name: 'TargetDown stays quiet while scrapes succeed',
  series: [series(up, syncTarget, '1x20')],
  alerts: [{ at: '10m', alert: 'TargetDown', firing: [] }],
});

export const serviceAbsent = ruleTest({
  name: 'SyncServiceAbsent fires when no sync service target exists, though others do',
  series: [series(up, { job: 'node', instance: 'host-1:9100' }, '1x20')],
  alerts: [{ at: '5m', alert: 'SyncServiceAbsent', firing: [{}] }],
});

export const serviceAbsentQuiet = ruleTest({
  name: 'SyncServiceAbsent stays quiet while a sync service target exists, even down',
  series: [series(up, syncTarget, '0x20')],
  alerts: [{ at: '5m', alert: 'SyncServiceAbsent', firing: [] }],
});
