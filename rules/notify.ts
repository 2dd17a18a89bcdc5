/**
 * Who the data sync team tells about what, and how pages escalate. Warnings go to #sync-alerts and
 * the team's mailbox; critical alerts page the team at once, the on-call webhook after 10 minutes
 * unacknowledged and the engineering manager after 30, twice over; emergencies tell everyone at
 * once; info goes to a rate-limited hourly digest during business hours; the Watchdog goes to a
 * dead man's switch every five minutes.
 */
import { email, env, escalationPolicy, inhibit, notifyConfig, re, receiver, route, slack, sloInhibitions, timeInterval, webhook } from 'alertforge';
import { syncLatency, syncSuccess } from './slo.ts';

const SMTP = { host: 'smtp.example.com', port: 587, tls: 'starttls', user: 'alertforge', password: env('SMTP_PASSWORD') } as const;

export const syncTeam = receiver({
  name: 'sync-team',
  channels: [
    slack({
      webhookUrl: env('SLACK_SYNC_WEBHOOK_URL'),
      channel: '#sync-alerts',
      username: 'alertforge',
      iconEmoji: ':rotating_light:',
      template: {
        title: '[{{ status }}] {{ commonLabels.alertname }} ({{ firingCount }} firing)',
        body: '{{ commonAnnotations.summary }}\n{{ alerts }}\nRunbook: {{ links.runbook }}\nAcknowledge: {{ links.ack }}',
      },
    }),
    email({ ...SMTP, from: 'alertforge@example.com', to: ['sync-team@example.com'] }),
  ],
});

export const oncall = receiver({
  name: 'sync-oncall',
  channels: [webhook({ url: 'https://oncall.example.com/hooks/alertforge', bearerToken: env('ONCALL_WEBHOOK_TOKEN'), maxAlerts: 50 })],
});

export const engineeringManager = receiver({
  name: 'engineering-manager',
  channels: [email({ ...SMTP, from: 'alertforge@example.com', to: ['eng-manager@example.com'] })],
});

export const syncDigest = receiver({
  name: 'sync-digest',
  channels: [email({ ...SMTP, from: 'alertforge@example.com', to: ['sync-team@example.com'], template: { title: 'Sync system digest: {{ alertCount }} alerts' } })],
  rateLimit: { messages: 10, per: '1m', burst: 5 },
  digest: { every: '1h' },
});

// The Watchdog always fires; this service pages whoever runs it when the pings stop, which is
// how a dead Prometheus or notifier gets noticed. Its URL carries the check's token.
export const deadMansSwitch = receiver({
  name: 'deadmans-switch',
  channels: [webhook({ url: env('DEADMANS_SWITCH_URL'), sendResolved: false })],
});

export const critical = escalationPolicy({
  name: 'sync-critical',
  steps: [
    { after: '0s', notify: [syncTeam] },
    { after: '10m', notify: [oncall] },
    { after: '30m', notify: [engineeringManager] },
  ],
  repeat: 2,
});

export const emergency = escalationPolicy({
  name: 'sync-emergency',
  steps: [{ after: '0s', notify: [syncTeam, oncall, engineeringManager] }],
  repeat: 3,
});

export const businessHours = timeInterval({
  name: 'business-hours',
  weekdays: ['monday:friday'],
  times: [{ start: '09:00', end: '18:00' }],
  location: 'Europe/Berlin',
});

export const companyHolidays = timeInterval({
  name: 'company-holidays',
  months: ['december'],
  daysOfMonth: ['24:26', 31],
  location: 'Europe/Berlin',
});

export const notify = notifyConfig({
  route: route({
    name: 'sync',
    receiver: syncTeam,
    groupBy: ['alertname', 'connector', 'instance'],
    groupWait: '30s',
    groupInterval: '5m',
    repeatInterval: '4h',
    routes: [
      route({ name: 'watchdog', match: { alertname: 'Watchdog' }, receiver: deadMansSwitch, groupWait: '0s', groupInterval: '1m', repeatInterval: '5m' }),
      route({ name: 'emergency', match: { severity: 'emergency' }, escalation: emergency, groupWait: '0s', repeatInterval: '15m' }),
      route({ name: 'critical', match: { severity: 'critical' }, escalation: critical, repeatInterval: '1h' }),
      route({ name: 'warning', match: { severity: 'warning' }, receiver: syncTeam }),
      route({ name: 'info', match: { severity: 'info' }, receiver: syncDigest, groupBy: ['alertname'], activeDuring: [businessHours], muteDuring: [companyHolidays] }),
    ],
  }),
  inhibitions: [
    // A critical alert on a connector makes its warnings noise.
    inhibit({ sourceMatchers: { severity: 'critical', connector: re('.+') }, targetMatchers: { severity: 'warning' }, equal: ['connector'] }),
    // With the sync service gone entirely, every per-connector alert is a symptom.
    inhibit({ sourceMatchers: { alertname: 'SyncServiceAbsent' }, targetMatchers: { connector: re('.+') } }),
    // An SLO's page makes its own ticket redundant.
    ...sloInhibitions(syncSuccess, syncLatency),
  ],
});
