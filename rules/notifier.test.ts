/**
 * The notifier's self-monitoring alerts, each shown firing and quiet just below its threshold.
 * Watchdog has no threshold: it is shown firing, since its silence is what a dead man's switch
 * pages on.
 */
import { ruleTest, series } from 'alertforge';
import { notifierAlertsInvalid, notifierCircuitOpen, notifierConfigReloadSuccessful, notifierNotifications, notifierOutboxOldestAge, notifierPipelineErrors } from './notifier-metrics.ts';

const slack = { receiver: 'sync-team', channel: 'slack' } as const;
const notifier = { job: 'notifier', instance: 'notifier-1:9094' } as const;

export const rejectingAlerts = ruleTest({
  name: 'NotifierRejectingAlerts fires when alerts are left out for 5 minutes',
  series: [series(notifierAlertsInvalid, notifier, '0+2x30')],
  alerts: [{ at: '15m', alert: 'NotifierRejectingAlerts', firing: [{ labels: { instance: 'notifier-1:9094' } }] }],
});

export const rejectingAlertsQuiet = ruleTest({
  name: 'NotifierRejectingAlerts stays quiet once no more are left out, however many were',
  series: [series(notifierAlertsInvalid, notifier, '0+5x5 25x25')],
  alerts: [{ at: '20m', alert: 'NotifierRejectingAlerts', firing: [] }],
});

export const deliveryFailing = ruleTest({
  name: 'NotifierDeliveryFailing fires when deliveries to a channel fail for 10 minutes',
  series: [series(notifierNotifications, { ...slack, outcome: 'delivered' }, '0+10x30'), series(notifierNotifications, { ...slack, outcome: 'failed' }, '0+1x30')],
  alerts: [{ at: '20m', alert: 'NotifierDeliveryFailing', firing: [{ labels: { receiver: 'sync-team', channel: 'slack' } }] }],
});

export const deliveryFailingQuiet = ruleTest({
  name: 'NotifierDeliveryFailing stays quiet once failures stop, however many there were',
  series: [series(notifierNotifications, { ...slack, outcome: 'delivered' }, '0+10x30'), series(notifierNotifications, { ...slack, outcome: 'failed' }, '50x30')],
  alerts: [{ at: '20m', alert: 'NotifierDeliveryFailing', firing: [] }],
});

export const receiverUnreachable = ruleTest({
  name: 'NotifierReceiverUnreachable fires when a circuit breaker stays open for 5 minutes',
  series: [series(notifierCircuitOpen, slack, '1x20')],
  alerts: [{ at: '10m', alert: 'NotifierReceiverUnreachable', firing: [{}] }],
});

export const receiverUnreachableQuiet = ruleTest({
  name: 'NotifierReceiverUnreachable stays quiet while the breaker is closed',
  series: [series(notifierCircuitOpen, slack, '0x20')],
  alerts: [{ at: '10m', alert: 'NotifierReceiverUnreachable', firing: [] }],
});

export const outboxStuck = ruleTest({
  name: 'NotifierOutboxStuck fires when the oldest notification has waited over 10 minutes for 5 minutes',
  // A notification that never leaves: its age grows a minute a minute.
  series: [series(notifierOutboxOldestAge, notifier, '0+60x30')],
  alerts: [{ at: '20m', alert: 'NotifierOutboxStuck', firing: [{ value: 1200 }] }],
});

export const outboxStuckQuiet = ruleTest({
  name: 'NotifierOutboxStuck stays quiet at exactly 10 minutes of waiting',
  series: [series(notifierOutboxOldestAge, notifier, '600x30')],
  alerts: [{ at: '20m', alert: 'NotifierOutboxStuck', firing: [] }],
});

export const pipelineFaults = ruleTest({
  name: 'NotifierPipelineFaults fires on a fault, and clears 10 minutes after the last',
  series: [series(notifierPipelineErrors, notifier, '0 0 1 1 1 1 1 1 1 1 1 1 1 1 1 1')],
  alerts: [
    { at: '1m', alert: 'NotifierPipelineFaults', firing: [] },
    { at: '4m', alert: 'NotifierPipelineFaults', firing: [{ labels: { instance: 'notifier-1:9094' } }] },
    { at: '15m', alert: 'NotifierPipelineFaults', firing: [] },
  ],
});

export const configReloadFailed = ruleTest({
  name: 'NotifierConfigReloadFailed fires when the last reload was refused 5 minutes ago',
  series: [series(notifierConfigReloadSuccessful, notifier, '0x20')],
  alerts: [{ at: '10m', alert: 'NotifierConfigReloadFailed', firing: [{}] }],
});

export const configReloadFailedQuiet = ruleTest({
  name: 'NotifierConfigReloadFailed stays quiet after a successful reload',
  series: [series(notifierConfigReloadSuccessful, notifier, '1x20')],
  alerts: [{ at: '10m', alert: 'NotifierConfigReloadFailed', firing: [] }],
});

export const watchdog = ruleTest({
  name: 'Watchdog fires always, with no input at all',
  series: [],
  alerts: [{ at: '1m', alert: 'Watchdog', firing: [{}] }],
});
