import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../../src/compiler/diagnostics.ts';
import { resolveNotify } from '../../../../src/compiler/notify/resolve.ts';
import { matchRoutes } from '../../../../src/runtime/config/route-match.ts';
import { notifierConfigSchema } from '../../../../src/runtime/config/schema.ts';
import { email, env, escalationPolicy, notifyConfig, receiver, route, webhook } from '../../../../src/sdk/index.ts';

const zed = receiver({ name: 'zed', channels: [webhook({ url: 'https://example.com/hook' })] });
const ann = receiver({ name: 'ann', channels: [email({ to: ['ann@example.com'], from: 'af@example.com', host: 'smtp.example.com', password: env('SMTP_PASSWORD') })] });
const pager = escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [zed] }, { after: '10m', notify: ['ann'] }] });

function resolveConfig() {
  const diagnostics = new Diagnostics();
  const { config } = resolveNotify(notifyConfig({ route: route({ receiver: zed, routes: [route({ match: { severity: 'critical' }, escalation: pager })] }) }), [ann], '.', diagnostics);
  expect(diagnostics.items).toEqual([]);
  return notifierConfigSchema.parse(config);
}

describe('what an omitted setting means', () => {
  it("fills in each channel's and policy's documented defaults", () => {
    const config = resolveConfig();
    expect(config.global).toEqual({ resolve_timeout: '5m' });
    expect(config.receivers.find((r) => r.name === 'ann')!.channels[0]).toMatchObject({ smarthost: { host: 'smtp.example.com', port: 587 }, tls: 'starttls', send_resolved: true, password: { env: 'SMTP_PASSWORD' } });
    expect(config.receivers.find((r) => r.name === 'zed')!.channels[0]).toMatchObject({ max_alerts: 0, send_resolved: true });
    expect(config.escalation_policies).toEqual([{ name: 'pager', steps: [{ after: '0s', receivers: ['zed'] }, { after: '10m', receivers: ['ann'] }], repeat: 1, notify_resolved: true }]);
  });

  it("routes with Alertmanager's root defaults: one group, 30s, 5m, 4h", () => {
    const [critical] = matchRoutes(resolveConfig().route, { severity: 'critical' });
    expect(critical).toMatchObject({ escalation: 'pager', groupBy: [], groupWait: '30s', groupInterval: '5m', repeatInterval: '4h' });
  });

  it('lists receivers and policies by name, whatever the declaration order, so output is stable', () => {
    expect(resolveConfig().receivers.map((r) => r.name)).toEqual(['ann', 'zed']);
  });
});
