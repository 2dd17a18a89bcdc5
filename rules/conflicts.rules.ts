/** Conflicting writes: how often they happen and whether they get resolved. */
import { alert, rate, record, ruleGroup, sum } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { conflicts, conflictsUnresolved } from './metrics.ts';

/** Conflicts per second by connector and resolution strategy; the Conflict Analysis dashboard reads it. */
export const conflictRate = record({
  name: 'connector_strategy:sync_conflicts:rate5m',
  expr: sum(rate(conflicts.range('5m')), { by: ['connector', 'strategy'] }),
});

export const conflictRules = ruleGroup({
  name: 'conflicts',
  interval: '1m',
  rules: [
    conflictRate,
    alert({
      name: 'SyncConflictRateHigh',
      expr: sum(conflictRate.select(), { by: ['connector'] }).gt(1),
      for: '10m',
      severity: 'warning',
      when: 'a connector detects more than one conflicting write per second',
      summary: (t) => `Connector ${t.labels.connector} detects ${t.valueHumanized} conflicts per second`,
      description: (t) =>
        `Connector ${t.labels.connector} has detected more than one conflict per second for 10 minutes (${t.valueHumanized}/s): two writers are fighting over the same records.`,
      runbook: `${RUNBOOKS}/conflict-rate-high`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'SyncConflictsUnresolved',
      expr: sum(conflictsUnresolved.select(), { by: ['connector'] }).gt(50),
      for: '30m',
      severity: 'warning',
      when: 'more than 50 conflicts of a connector wait for a manual resolution',
      summary: (t) => `${t.valueHumanized} conflicts of ${t.labels.connector} wait for manual resolution`,
      description: (t) =>
        `Connector ${t.labels.connector} has had more than 50 conflicts waiting for a person for 30 minutes (${t.valueHumanized} now). Their records are not synced until resolved.`,
      runbook: `${RUNBOOKS}/conflicts-unresolved`,
      labels: SYNC_TEAM,
    }),
  ],
});
