/**
 * The demo's local receivers turn what the notifier's channels send (nodemailer over SMTP,
 * Slack's incoming-webhook JSON, Alertmanager's webhook payload) into deliveries naming the
 * receiver, the status, the summary and the signed acknowledge link.
 */
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryLog } from '../../../examples/demo/deliveries.ts';
import { startHttpReceivers, type HttpReceivers } from '../../../examples/demo/http-receivers.ts';
import { DEMO_MAIL_DOMAIN, startSmtpReceiver, type SmtpReceiver } from '../../../examples/demo/smtp-receiver.ts';

const ACK = 'http://127.0.0.1:9093/ack/group-1?expires=1700000000&signature=0123abcdef';
let log: DeliveryLog;
let smtp: SmtpReceiver;
let http: HttpReceivers;

beforeAll(async () => {
  log = new DeliveryLog();
  smtp = await startSmtpReceiver(log);
  http = await startHttpReceivers(log);
});

afterAll(async () => {
  await smtp.close();
  await http.close();
});

describe('demo receivers', () => {
  it('take an email sent by nodemailer: receiver from the recipient, subject, status, ack link', async () => {
    const transport = createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({
      from: 'alertforge@example.com',
      to: `oncall-primary@${DEMO_MAIL_DOMAIN}`,
      subject: '[FIRING:1] SyncErrorRateHigh — connector crm',
      // Long enough that quoted-printable folds the link.
      text: `Connector crm fails 42% of its sync operations.\n${'x'.repeat(60)} acknowledge: ${ACK}\n`,
    });
    transport.close();
    const delivery = await log.waitFor('email', (d) => d.channel === 'email', 5000);
    expect(delivery).toMatchObject({ receiver: 'oncall-primary', status: 'firing', summary: '[FIRING:1] SyncErrorRateHigh — connector crm', ackLink: ACK });
  });

  it('take a Slack message and an Alertmanager webhook payload, each addressed to its receiver', async () => {
    await fetch(`${http.url}/slack/team-slack`, { method: 'POST', body: JSON.stringify({ text: `*[RESOLVED]* SyncErrorRateHigh\n<${ACK}|Acknowledge>` }) });
    const payload = {
      version: '4', status: 'firing', receiver: 'audit-hook', groupKey: 'k', groupLabels: {}, commonLabels: {}, externalURL: 'http://127.0.0.1:9093', truncatedAlerts: 0,
      commonAnnotations: { summary: 'Connector crm fails 42% of its sync operations' },
      alerts: [{ status: 'firing', labels: { alertname: 'SyncErrorRateHigh' }, annotations: { summary: 'Connector crm fails 42% of its sync operations' } }],
    };
    const response = await fetch(`${http.url}/webhook/audit-hook`, { method: 'POST', body: JSON.stringify(payload) });
    expect(response.status).toBe(200);
    expect(await log.waitFor('slack', (d) => d.channel === 'slack', 2000)).toMatchObject({ receiver: 'team-slack', status: 'resolved', ackLink: ACK });
    expect(await log.waitFor('webhook', (d) => d.channel === 'webhook', 2000)).toMatchObject({ receiver: 'audit-hook', status: 'firing', summary: 'Connector crm fails 42% of its sync operations' });
  });

  it('refuse a webhook body that is not Alertmanager\'s payload', async () => {
    const response = await fetch(`${http.url}/webhook/audit-hook`, { method: 'POST', body: JSON.stringify({ hello: 'world' }) });
    expect(response.status).toBe(400);
  });
});
