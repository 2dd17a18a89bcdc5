/** Is anything being scraped at all: a target down, or the sync service gone entirely. */
import { absent, alert, ruleGroup } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { up } from './metrics.ts';

/** The scrape job of the sync service in generated/prometheus/prometheus.yml. */
export const SYNC_SERVICE_JOB = 'sync-service';

export const availability = ruleGroup({
  name: 'availability',
  interval: '30s',
  rules: [
    alert({
      name: 'TargetDown',
      expr: up.select().eq(0),
      for: '5m',
      severity: 'warning',
      when: 'Prometheus cannot scrape a target',
      summary: (t) => `${t.labels.job} target ${t.labels.instance} is down`,
      description: (t) => `Prometheus has failed to scrape ${t.labels.instance} of job ${t.labels.job} for 5 minutes; its alerts cannot fire.`,
      runbook: `${RUNBOOKS}/target-down`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'SyncServiceAbsent',
      expr: absent(up.select({ job: SYNC_SERVICE_JOB })),
      for: '2m',
      severity: 'emergency',
      when: 'no sync service target exists in Prometheus at all',
      summary: 'The sync service has disappeared from Prometheus',
      // absent() keeps the job label of the selector's equality matcher; the build checks it is there.
      description: 'No target of job {{ $labels.job }} has existed for 2 minutes: the service is not deployed, or its discovery broke. Every sync alert is blind.',
      runbook: `${RUNBOOKS}/sync-service-absent`,
      labels: SYNC_TEAM,
    }),
  ],
});
