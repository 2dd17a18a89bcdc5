/**
 * The email and Slack channels through the pipeline, against real local servers: email through
 * nodemailer's pooled SMTP transport into an smtp-server, Slack posts into an HTTP sink with
 * Slack's pace of one message a second per webhook and its 429 Retry-After honoured.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { Channels } from '../../../src/runtime/channels/channels.ts';
import { parseNotifierConfig } from '../../../src/runtime/config/load-config.ts';
import { HttpSink } from '../../e2e/support/http-sink.ts';
import { SmtpSink } from '../../e2e/support/smtp-sink.ts';
import { startNotifier, type NotifierFixture } from './notifier-fixture.ts';

const SECOND = 1000;
const DAY = 86_400_000;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function firing(f: NotifierFixture, alertname: string, connector = 'crm') {
  return { labels: { alertname, connector }, annotations: { summary: `${alertname} on ${connector}` }, endsAt: f.clock.now() + DAY };
}

it('email: the team gets a firing mail with the acknowledge link, then a resolved one', async () => {
  const smtp = await SmtpSink.start();
  cleanups.push(() => smtp.close());
  const f = await startNotifier({
    receivers: [{ name: 'team', channels: [{ type: 'email', to: ['sync-team@example.com'], from: 'alertforge@example.com', smarthost: { host: '127.0.0.1', port: smtp.port }, tls: 'none' }] }],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '10s', group_interval: '1m' },
  });
  cleanups.push(() => f.close());
  f.notifier.ingest([firing(f, 'SyncErrorRateHigh')]);
  await f.after(10 * SECOND);
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0]!;
  expect(mail).toMatchObject({ from: 'alertforge@example.com', to: ['sync-team@example.com'], subject: '[FIRING:1] SyncErrorRateHigh: SyncErrorRateHigh on crm' });
  expect(mail.body).toMatch(/Acknowledge: http:\/\/notifier\.test\/api\/v1\/groups\/[0-9a-f]+\/ack\?incident=\d+&expires=\d+&signature=\S+/);

  f.notifier.ingest([{ ...firing(f, 'SyncErrorRateHigh'), endsAt: f.clock.now() }]);
  await f.after(1 * 60 * SECOND);
  expect(smtp.mails.map((m) => m.subject)).toEqual(['[FIRING:1] SyncErrorRateHigh: SyncErrorRateHigh on crm', '[RESOLVED] SyncErrorRateHigh: SyncErrorRateHigh on crm']);
});

it('email: while the SMTP server is down the message waits in the outbox and the failure is visible', async () => {
  const f = await startNotifier({
    receivers: [{ name: 'team', channels: [{ type: 'email', to: ['t@example.com'], from: 'a@example.com', smarthost: { host: '127.0.0.1', port: 1 }, tls: 'none' }] }],
    route: { receiver: 'team', group_wait: '1s' },
  });
  cleanups.push(() => f.close());
  f.notifier.ingest([firing(f, 'A')]);
  await f.after(1 * SECOND);
  expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1, consecutiveFailures: 1, lastError: expect.stringContaining('ECONNREFUSED') });
});

it('slack: one message a second per webhook, and a 429 Retry-After waited out', async () => {
  const sink = await HttpSink.start();
  cleanups.push(() => sink.close());
  const f = await startNotifier(
    {
      receivers: [{ name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL' }, channel: '#sync-alerts' }] }],
      route: { receiver: 'team', group_by: ['alertname'], group_wait: '1s', group_interval: '10m' },
    },
    { env: { SLACK_URL: `${sink.url}/slack` } },
  );
  cleanups.push(() => f.close());
  f.notifier.ingest([firing(f, 'First'), firing(f, 'Second')]);
  await f.after(1 * SECOND);
  expect(sink.posts).toHaveLength(1);
  await f.after(1 * SECOND);
  expect(sink.posts).toHaveLength(2);
  const message = sink.posts[0]!.body;
  expect(message).toMatchObject({ channel: '#sync-alerts', text: expect.stringMatching(/^\[FIRING:1\] (First|Second)/), attachments: [{ color: 'danger' }] });
  expect(message.attachments[0].text).toContain('Acknowledge: http://notifier.test/api/v1/groups/');

  sink.fail({ status: 429, retryAfter: '30' });
  f.notifier.ingest([firing(f, 'Third')]);
  await f.after(1 * SECOND);
  expect(sink.refused).toBe(1);
  for (let i = 0; i < 5; i++) await f.after(5 * SECOND);
  expect(sink.refused).toBe(1);
  sink.recover();
  await f.after(5 * SECOND);
  expect(sink.posts.filter((p) => p.body.text.startsWith('[FIRING:1] Third'))).toHaveLength(1);
  // Waiting on a 429 is not a failure of the receiver.
  expect(f.notifier.listGroups().every((g) => g.delivery.every((d) => d.consecutiveFailures === 0))).toBe(true);
});

it("slack: what comes from alerts is escaped, a template's own markup is not", async () => {
  const sink = await HttpSink.start();
  cleanups.push(() => sink.close());
  const slack = { type: 'slack', webhook_url: { env: 'SLACK_URL' } } as const;
  const f = await startNotifier(
    {
      receivers: [
        { name: 'default-text', channels: [slack] },
        { name: 'templated', channels: [{ ...slack, webhook_url: { env: 'SLACK_URL_2' }, template: { title: '<!here> {{ commonAnnotations.summary }}', body: '<{{ links.ack }}|Acknowledge>' } }] },
      ],
      route: { receiver: 'default-text', group_by: ['alertname'], group_wait: '1s', routes: [{ matchers: [{ label: 'alertname', op: '=', value: 'Templated' }], receiver: 'templated' }] },
    },
    { env: { SLACK_URL: `${sink.url}/one`, SLACK_URL_2: `${sink.url}/two` } },
  );
  cleanups.push(() => f.close());
  const summary = 'p99 <200ms & <!channel> rising';
  f.notifier.ingest(['Plain', 'Templated'].map((alertname) => ({ ...firing(f, alertname), annotations: { summary, description: 'a > b' } })));
  await f.after(1 * SECOND);
  const [plain, templated] = ['/one', '/two'].map((path) => sink.posts.find((p) => p.path === path)!.body);
  expect(plain.text).toBe('[FIRING:1] Plain: p99 &lt;200ms &amp; &lt;!channel&gt; rising');
  expect(plain.attachments[0].text).toContain('description: a &gt; b');
  // Slack decodes &amp; in a link back to &, so the link still carries every parameter.
  expect(plain.attachments[0].text).toMatch(/Acknowledge: http:\/\/notifier\.test\/api\/v1\/groups\/\w+\/ack\?incident=\d+&amp;expires=\d+&amp;signature=/);
  // A push notification's fallback is plain text, not decoded.
  expect(plain.attachments[0].fallback).toBe(`[FIRING:1] Plain: ${summary}`);
  expect(templated.text).toBe('<!here> p99 &lt;200ms &amp; &lt;!channel&gt; rising');
  expect(templated.attachments[0].text).toMatch(/^<http:\/\/notifier\.test\/api\/v1\/groups\/\w+\/ack\?incident=\d+&amp;expires=\d+&amp;signature=[^|]+\|Acknowledge>$/);
});

it('slack: a webhook URL missing from the environment is reported, and the message kept until it is there', async () => {
  const sink = await HttpSink.start();
  cleanups.push(() => sink.close());
  // The environment the channels read; the variable appears as after a restart with it set.
  const env: NodeJS.ProcessEnv = {};
  const f = await startNotifier({ receivers: [{ name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL_UNSET' } }] }], route: { receiver: 'team', group_wait: '1s' } }, { env });
  cleanups.push(() => f.close());
  f.notifier.ingest([firing(f, 'A')]);
  await f.after(1 * SECOND);
  expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1, lastError: 'environment variable SLACK_URL_UNSET is not set' });
  // Told, as the notification log has it, but not delivered: the groups view says which.
  expect(f.notifier.listGroups()[0]!.notified).toEqual([expect.objectContaining({ receiver: 'team', firing: 1, delivered: false, undelivered: 1 })]);
  await f.after(10 * 60 * SECOND);
  expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1 });
  // Set, but wrong: the error names the variable, where the HTTP client's would not.
  env.SLACK_URL_UNSET = 'not a url';
  await f.after(10 * 60 * SECOND);
  expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 1, lastError: 'environment variable SLACK_URL_UNSET is not a URL' });
  env.SLACK_URL_UNSET = `${sink.url}/slack`;
  await f.after(2 * 60 * SECOND);
  expect(sink.posts.map((p) => p.body.text)).toEqual([expect.stringMatching(/^\[FIRING:1\] A/)]);
  expect(f.notifier.listGroups()[0]!.delivery[0]).toMatchObject({ pending: 0 });
  expect(f.notifier.listGroups()[0]!.notified[0]).toMatchObject({ delivered: true });
  expect(f.notifier.listGroups()[0]!.notified[0]).not.toHaveProperty('undelivered');
});

it('webhook: at most max_alerts alerts in a message, the rest counted as truncated', async () => {
  const sink = await HttpSink.start();
  cleanups.push(() => sink.close());
  const f = await startNotifier({
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${sink.url}/hook`, max_alerts: 2 }] }],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '1s' },
  });
  cleanups.push(() => f.close());
  f.notifier.ingest(['crm', 'erp', 's3'].map((connector) => firing(f, 'SyncStalled', connector)));
  await f.after(1 * SECOND);
  const [post] = sink.posts;
  expect(post!.body).toMatchObject({ version: '4', status: 'firing', receiver: 'team', groupLabels: { alertname: 'SyncStalled' }, truncatedAlerts: 1 });
  expect(post!.body.alerts).toHaveLength(2);
  expect(post!.body.commonLabels).toEqual({ alertname: 'SyncStalled' });
});

it('names each channel whose secret the environment lacks or holds wrong, which the notifier logs at start and on reload', async () => {
  const config = parseNotifierConfig(
    stringify({
      receivers: [
        { name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL' } }, { type: 'email', to: ['t@example.com'], from: 'n@example.com', smarthost: { host: 'smtp', port: 587 }, username: 'n', password: { env: 'SMTP_PASSWORD' } }] },
        { name: 'pager', channels: [{ type: 'webhook', url: { env: 'PAGER_URL' }, bearer_token: { env: 'PAGER_TOKEN' } }] },
      ],
      route: { receiver: 'team' },
    }),
  );
  const channels = new Channels({ env: { SMTP_PASSWORD: 'secret', PAGER_URL: 'https://pager.example.com' }, print: () => {} });
  cleanups.push(() => channels.close());
  expect(channels.missingSecrets(config)).toEqual([
    'receiver team, channel 0 (slack): environment variable SLACK_URL is not set; its messages wait in the outbox until the notifier runs with it',
    'receiver pager, channel 0 (webhook): environment variable PAGER_TOKEN is not set; its messages wait in the outbox until the notifier runs with it',
  ]);
  // Set, but not a URL to post to: named as well, never with its value.
  const wrong = new Channels({ env: { SLACK_URL: 'hooks.slack.com/services/T0/B0/secret', SMTP_PASSWORD: 'secret', PAGER_URL: 'ftp://pager.example.com', PAGER_TOKEN: 't' }, print: () => {} });
  cleanups.push(() => wrong.close());
  expect(wrong.missingSecrets(config)).toEqual([
    'receiver team, channel 0 (slack): environment variable SLACK_URL is not a URL; its messages wait in the outbox until the notifier runs with it',
    'receiver pager, channel 0 (webhook): environment variable PAGER_URL is not an http or https URL; its messages wait in the outbox until the notifier runs with it',
  ]);
  // The development preset sends nothing, and needs no secret.
  const development = new Channels({ env: {}, developmentFile: join(tmpdir(), 'alertforge-deliveries.jsonl'), print: () => {} });
  cleanups.push(() => development.close());
  expect(development.missingSecrets(config)).toEqual([]);
});
