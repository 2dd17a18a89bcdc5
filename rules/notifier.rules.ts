/**
 * The notifier watching itself: alerts it cannot read, notifications it cannot deliver, an outbox
 * that does not drain, a fault in its pipeline, a refused config, and a watchdog that always fires, so that its absence at the receiving end (a
 * dead man's switch) says the alerting path itself is broken.
 */
import { alert, increase, rate, re, ruleGroup, sum, vector } from 'alertforge';
import { RUNBOOKS, SYNC_TEAM } from './labels.ts';
import { notifierAlertsInvalid, notifierCircuitOpen, notifierConfigReloadSuccessful, notifierNotifications, notifierOutboxOldestAge, notifierPipelineErrors } from './notifier-metrics.ts';

export const notifier = ruleGroup({
  name: 'notifier',
  interval: '30s',
  rules: [
    alert({
      name: 'NotifierRejectingAlerts',
      expr: sum(rate(notifierAlertsInvalid.range('5m')), { by: ['instance'] }).gt(0),
      for: '5m',
      severity: 'warning',
      when: 'a sender keeps posting alerts the notifier cannot read, which are left out',
      summary: (t) => `The notifier on ${t.labels.instance} is leaving out alerts it cannot read`,
      description: (t) =>
        `For 5 minutes the notifier on ${t.labels.instance} has answered 400 for alerts with a bad label name, time or field, and left them out: nobody is told about them. The sender's log (Prometheus: "Error sending alert") names the problem.`,
      runbook: `${RUNBOOKS}/notifier-rejecting-alerts`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'NotifierDeliveryFailing',
      expr: sum(rate(notifierNotifications.select({ outcome: re('retry|failed') }).range('5m')), { by: ['receiver', 'channel'] }).gt(0),
      for: '10m',
      severity: 'warning',
      when: 'deliveries to a receiver channel keep failing',
      summary: (t) => `Notifications to ${t.labels.receiver} by ${t.labels.channel} are failing`,
      description: (t) =>
        `For 10 minutes the notifier has failed to deliver to ${t.labels.receiver} (${t.labels.channel}); it keeps retrying, and GET /api/v1/groups shows the last error.`,
      runbook: `${RUNBOOKS}/notifier-delivery-failing`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'NotifierReceiverUnreachable',
      expr: notifierCircuitOpen.select().eq(1),
      for: '5m',
      severity: 'warning',
      when: 'the circuit breaker of a receiver channel stays open',
      summary: (t) => `The notifier has given up on ${t.labels.receiver} by ${t.labels.channel} for now`,
      description: (t) => `${t.labels.receiver} (${t.labels.channel}) failed repeatedly; its notifications wait in the outbox and are tried again after each cooldown.`,
      runbook: `${RUNBOOKS}/notifier-delivery-failing`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'NotifierOutboxStuck',
      expr: notifierOutboxOldestAge.select().gt(600),
      for: '5m',
      severity: 'warning',
      when: 'the oldest undelivered notification is more than 10 minutes old',
      summary: 'Notifications have waited in the notifier\'s outbox for over 10 minutes',
      description: 'The oldest notification in the outbox is {{ $value | humanizeDuration }} old: someone is not being told.',
      runbook: `${RUNBOOKS}/notifier-outbox-stuck`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'NotifierPipelineFaults',
      expr: sum(increase(notifierPipelineErrors.range('10m')), { by: ['instance'] }).gt(0),
      for: '1m',
      severity: 'critical',
      when: 'a group flush or escalation step threw in the notifier',
      summary: (t) => `The notifier on ${t.labels.instance} failed to flush a group`,
      description: (t) =>
        `A group flush or escalation step threw in the notifier on ${t.labels.instance} in the last 10 minutes; the group is tried again every 10 seconds, and its messages wait meanwhile. Its log names the group and the error ("flush failed").`,
      runbook: `${RUNBOOKS}/notifier-pipeline-faults`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'NotifierConfigReloadFailed',
      expr: notifierConfigReloadSuccessful.select().eq(0),
      for: '5m',
      severity: 'warning',
      when: 'the notifier refused its last config reload',
      summary: 'The notifier refused its new config and runs the previous one',
      description: (t) => `The last reload of the notifier config on ${t.labels.instance} failed validation; its log says why. Routing changes since are not in effect.`,
      runbook: `${RUNBOOKS}/notifier-config-reload-failed`,
      labels: SYNC_TEAM,
    }),
    alert({
      name: 'Watchdog',
      expr: vector(1),
      for: '0s',
      severity: 'info',
      when: 'always',
      summary: 'The alerting pipeline is working: this alert always fires',
      description: 'Prometheus and the notifier are alive end to end as long as this alert keeps arriving. Route it to a dead man\'s switch that pages when it stops.',
      labels: SYNC_TEAM,
      waive: {
        'alert-condition': 'it fires always, so that its absence is noticed',
        'description-templated': 'one constant series: there is no label or value to name',
        'for-vs-evaluation-interval': 'always true: firing at once is the point',
      },
    }),
  ],
});
