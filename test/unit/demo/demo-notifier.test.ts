/**
 * The demo rewrites the generated notifier config so that every channel reaches a local receiver
 * and escalation happens in seconds; the rewritten config must still be a valid one.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { NOTIFIER_CONFIG_FILE, writeDemoNotifierConfig } from '../../../examples/demo/demo-notifier.ts';
import { notifierConfigSchema, type NotifierConfigInput } from '../../../src/runtime/config/schema.ts';

const generated: NotifierConfigInput = {
  receivers: [
    { name: 'sync-slack', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_SYNC_WEBHOOK' } }], rate_limit: { messages: 1, per: '1m', burst: 1 } },
    {
      name: 'oncall-primary',
      channels: [
        { type: 'email', to: ['oncall@example.com'], from: 'alerts@example.com', smarthost: { host: 'smtp.example.com', port: 587 }, username: 'alerts', password: { env: 'SMTP_PASSWORD' } },
        { type: 'webhook', url: 'https://pager.example.com/hook', bearer_token: { env: 'PAGER_TOKEN' } },
      ],
    },
  ],
  escalation_policies: [{ name: 'sync-critical', steps: [{ after: '0s', receivers: ['sync-slack'] }, { after: '15m', receivers: ['oncall-primary'] }] }],
  route: { receiver: 'sync-slack', group_wait: '30s', group_interval: '5m', repeat_interval: '4h', routes: [{ escalation: 'sync-critical', matchers: [{ label: 'severity', op: '=', value: 'critical' }], group_wait: '10s' }] },
};

describe('the demo notifier config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alertforge-demo-notifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('points every channel at the local receivers, without secrets, and escalates every 10s', async () => {
    const demo = await writeDemoNotifierConfig({
      dir,
      files: [{ path: NOTIFIER_CONFIG_FILE, content: stringify(generated) }],
      smtpPort: 2525,
      httpReceivers: 'http://127.0.0.1:4000',
    });
    const written = notifierConfigSchema.parse(parse(readFileSync(demo.file, 'utf8')));
    expect(written.receivers.map((r) => r.channels)).toEqual([
      [expect.objectContaining({ type: 'slack', webhook_url: { env: 'DEMO_SLACK_SYNC_SLACK' } })],
      [
        expect.objectContaining({ type: 'email', to: ['oncall-primary@alertforge.demo'], smarthost: { host: '127.0.0.1', port: 2525 }, tls: 'none' }),
        expect.objectContaining({ type: 'webhook', url: 'http://127.0.0.1:4000/webhook/oncall-primary' }),
      ],
    ]);
    expect(JSON.stringify(written)).not.toMatch(/SMTP_PASSWORD|PAGER_TOKEN|rate_limit/);
    expect(demo.env).toEqual({ DEMO_SLACK_SYNC_SLACK: 'http://127.0.0.1:4000/slack/sync-slack' });
    expect(written.escalation_policies[0]!.steps.map((s) => s.after)).toEqual(['0s', '10s']);
    expect(written.route).toMatchObject({ group_wait: '1s', group_interval: '3s', repeat_interval: '1h' });
    expect(written.route.routes[0]).toMatchObject({ group_wait: '1s', escalation: 'sync-critical' });
  });
});
