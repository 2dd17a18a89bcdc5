/**
 * The notifier's own metrics (prom-client), served at /metrics. The rules read them as declared in
 * rules/notifier-metrics.ts, which test/unit/runtime/metrics.test.ts checks against these.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read at scrape time. */
export interface NotifierGauges {
  activeAlerts(): number;
  awaitingResend(): number;
  groups(): number;
  outboxDepth(): number;
  outboxOldestAgeSeconds(): number;
  openCircuits(): { receiver: string; channel: string }[];
}

export class NotifierMetrics {
  readonly registry = new Registry();
  readonly alertsReceived = new Counter({ name: 'alertforge_notifier_alerts_received_total', help: 'Alerts received on the API, by status (firing, resolved).', labelNames: ['status'], registers: [this.registry] });
  readonly alertsInvalid = new Counter({ name: 'alertforge_notifier_alerts_invalid_total', help: 'Alerts left out of a request for a problem of their own (the rest of the request is taken in).', registers: [this.registry] });
  readonly invalidRequests = new Counter({ name: 'alertforge_notifier_invalid_requests_total', help: 'API requests refused as invalid (4xx), by endpoint.', labelNames: ['endpoint'], registers: [this.registry] });
  readonly notifications = new Counter({
    name: 'alertforge_notifier_notifications_total',
    help: 'Delivery attempts, by receiver, channel type and outcome (delivered, retry, failed, deferred).',
    labelNames: ['receiver', 'channel', 'outcome'],
    registers: [this.registry],
  });
  // Not the notifications counter's `deferred`: that counts attempts a channel answered "later"
  // (HTTP 429, Slack's one a second), while a message the rate limit holds is not tried at all.
  readonly notificationsRateLimited = new Counter({
    name: 'alertforge_notifier_notifications_rate_limited_total',
    help: "Messages their receiver's rate limit held back, each counted once while it waits for a token, by receiver and channel type.",
    labelNames: ['receiver', 'channel'],
    registers: [this.registry],
  });
  readonly deliveryDuration = new Histogram({
    name: 'alertforge_notifier_delivery_duration_seconds',
    help: 'Time to deliver one notification to a channel, by channel type.',
    labelNames: ['channel'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly ingestFlushWait = new Histogram({
    name: 'alertforge_notifier_ingest_flush_wait_seconds',
    help: 'Time an ingest request waited for a burst of groups that came due to be flushed first; only requests that waited.',
    buckets: [0.005, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  readonly notificationsSuperseded = new Counter({
    name: 'alertforge_notifier_notifications_superseded_total',
    help: 'Messages that waited for a channel and were replaced by a newer one about their group (or dropped, the group back to what the channel knew), by receiver and channel type.',
    labelNames: ['receiver', 'channel'],
    registers: [this.registry],
  });
  readonly escalationSteps = new Counter({ name: 'alertforge_notifier_escalation_steps_total', help: 'Escalation steps taken, by policy.', labelNames: ['policy'], registers: [this.registry] });
  readonly acknowledgements = new Counter({ name: 'alertforge_notifier_acknowledgements_total', help: 'Groups acknowledged, by how (token, link).', labelNames: ['via'], registers: [this.registry] });
  readonly pipelineErrors = new Counter({ name: 'alertforge_notifier_pipeline_errors_total', help: 'Faults in the pipeline (a group flush or escalation step that threw): the group is tried again 10s later; see the log.', registers: [this.registry] });
  readonly configReloadSuccessful = new Gauge({ name: 'alertforge_notifier_config_last_reload_successful', help: '1 if the last config reload succeeded, 0 if it was refused.', registers: [this.registry] });

  constructor(gauges: NotifierGauges) {
    collectDefaultMetrics({ register: this.registry });
    this.configReloadSuccessful.set(1);
    const registers = [this.registry];
    new Gauge({ name: 'alertforge_notifier_alerts', help: 'Alerts held and still firing.', registers, collect() { this.set(gauges.activeAlerts()); } });
    new Gauge({ name: 'alertforge_notifier_alerts_awaiting_resend', help: 'Alerts whose estimated end passed while the notifier was down, neither told resolved nor paged until their sender re-sends them or the wait ends.', registers, collect() { this.set(gauges.awaitingResend()); } });
    new Gauge({ name: 'alertforge_notifier_groups', help: 'Alert groups held.', registers, collect() { this.set(gauges.groups()); } });
    new Gauge({ name: 'alertforge_notifier_outbox_depth', help: 'Notifications waiting to be delivered.', registers, collect() { this.set(gauges.outboxDepth()); } });
    new Gauge({
      name: 'alertforge_notifier_outbox_oldest_age_seconds',
      help: 'Age of the oldest notification waiting to be delivered; 0 when none waits.',
      registers,
      collect() {
        this.set(gauges.outboxOldestAgeSeconds());
      },
    });
    new Gauge({
      name: 'alertforge_notifier_circuit_open',
      help: 'Receiver channels whose circuit breaker is open after repeated failures (1 each).',
      labelNames: ['receiver', 'channel'],
      registers,
      collect() {
        this.reset();
        for (const open of gauges.openCircuits()) this.set(open, 1);
      },
    });
  }
}
