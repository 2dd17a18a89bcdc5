/** Conflict alerts, each shown firing and quiet just below its threshold. */
import { ruleTest, series } from 'alertforge';
import { conflicts, conflictsUnresolved } from './metrics.ts';

const crm = { connector: 'crm', strategy: 'last_writer_wins' } as const;

export const conflictRateHigh = ruleTest({
  name: 'SyncConflictRateHigh fires at 1.5 conflicts a second for 10 minutes',
  series: [series(conflicts, crm, '0+90x30')],
  alerts: [{ at: '20m', alert: 'SyncConflictRateHigh', firing: [{ labels: { connector: 'crm' }, value: 1.5 }] }],
});

export const conflictRateHighQuiet = ruleTest({
  name: 'SyncConflictRateHigh stays quiet at 0.9 conflicts a second',
  series: [series(conflicts, crm, '0+54x30')],
  alerts: [{ at: '20m', alert: 'SyncConflictRateHigh', firing: [] }],
});

export const conflictsUnresolvedFiring = ruleTest({
  name: 'SyncConflictsUnresolved fires when 60 conflicts wait for 30 minutes',
  series: [series(conflictsUnresolved, { connector: 'crm' }, '60x50')],
  alerts: [{ at: '40m', alert: 'SyncConflictsUnresolved', firing: [{ value: 60 }] }],
});

export const conflictsUnresolvedQuiet = ruleTest({
  name: 'SyncConflictsUnresolved stays quiet at exactly 50 waiting conflicts',
  series: [series(conflictsUnresolved, { connector: 'crm' }, '50x50')],
  alerts: [{ at: '40m', alert: 'SyncConflictsUnresolved', firing: [] }],
});
