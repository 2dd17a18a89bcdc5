/**
 * The metrics `alertforge notifier` exports about itself (src/runtime/metrics.ts), for the rules in
 * notifier.rules.ts. test/unit/runtime/metrics.test.ts checks these against the notifier's own.
 */
import { counter, gauge, histogram } from 'alertforge';

const external = 'alertforge-notifier';

export const notifierAlertsReceived = counter({
  name: 'alertforge_notifier_alerts_received_total',
  help: 'Alerts received on the API, by status (firing, resolved).',
  labels: ['status'],
  external,
});

export const notifierAlertsInvalid = counter({
  name: 'alertforge_notifier_alerts_invalid_total',
  help: 'Alerts left out of a request for a problem of their own (the rest of the request is taken in).',
  external,
});

export const notifierNotifications = counter({
  name: 'alertforge_notifier_notifications_total',
  help: 'Delivery attempts, by receiver, channel type and outcome (delivered, retry, failed, deferred).',
  labels: ['receiver', 'channel', 'outcome'],
  external,
});

export const notifierDeliveryDuration = histogram({
  name: 'alertforge_notifier_delivery_duration_seconds',
  help: 'Time to deliver one notification to a channel, by channel type.',
  labels: ['channel'],
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  external,
});

export const notifierEscalationSteps = counter({
  name: 'alertforge_notifier_escalation_steps_total',
  help: 'Escalation steps taken, by policy.',
  labels: ['policy'],
  external,
});

export const notifierOutboxDepth = gauge({
  name: 'alertforge_notifier_outbox_depth',
  help: 'Notifications waiting to be delivered.',
  external,
});

export const notifierOutboxOldestAge = gauge({
  name: 'alertforge_notifier_outbox_oldest_age_seconds',
  help: 'Age of the oldest notification waiting to be delivered; 0 when none waits.',
  external,
});

export const notifierCircuitOpen = gauge({
  name: 'alertforge_notifier_circuit_open',
  help: 'Receiver channels whose circuit breaker is open after repeated failures (1 each).',
  labels: ['receiver', 'channel'],
  external,
});

export const notifierPipelineErrors = counter({
  name: 'alertforge_notifier_pipeline_errors_total',
  help: 'Faults in the pipeline (a group flush or escalation step that threw): the group is tried again 10s later; see the log.',
  external,
});

export const notifierConfigReloadSuccessful = gauge({
  name: 'alertforge_notifier_config_last_reload_successful',
  help: '1 if the last config reload succeeded, 0 if it was refused.',
  external,
});
