import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { email, env, escalationPolicy, inhibit, isEnvRef, notifyConfig, re, receiver, route, slack, timeInterval, webhook } from '../../../../src/sdk/index.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

describe('the notify SDK', () => {
  // The exact line is the compiler's business (it maps the bundle back); the file must be the user's.
  it('stamps each declaration with its kind and the file that wrote it, for build errors', () => {
    const team = receiver({ name: 'team', channels: [] });
    expect(team).toMatchObject({ kind: 'receiver', name: 'team', source: { file: THIS_FILE, line: expect.any(Number) } });
    expect([
      escalationPolicy({ name: 'p', steps: [{ after: '0s', notify: [team] }] }).kind,
      timeInterval({ name: 'hours' }).kind,
      inhibit({ sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' } }).kind,
      route({ receiver: team }).kind,
      notifyConfig({ route: route({ receiver: team }) }).kind,
    ]).toEqual(['escalation-policy', 'time-interval', 'inhibition', 'route', 'notify-config']);
  });

  it('refers to secrets by environment variable, never by value', () => {
    const ref = env('SLACK_WEBHOOK_URL');
    expect(ref).toEqual({ kind: 'env', env: 'SLACK_WEBHOOK_URL' });
    expect(isEnvRef(ref)).toBe(true);
    expect(isEnvRef('https://example.com')).toBe(false);
    expect(isEnvRef(null)).toBe(false);
  });

  it('tags each channel with its type and keeps its props as written', () => {
    const channels = [
      email({ to: ['a@example.com'], from: 'b@example.com', host: 'smtp', password: env('SMTP_PASSWORD') }),
      slack({ webhookUrl: env('SLACK_URL'), channel: '#x' }),
      webhook({ url: 'https://example.com/hook', maxAlerts: 5 }),
    ];
    expect(channels.map((c) => c.type)).toEqual(['email', 'slack', 'webhook']);
    expect(channels[2]).toEqual({ type: 'webhook', url: 'https://example.com/hook', maxAlerts: 5 });
  });

  it('takes matchers as values or as the PromQL helpers', () => {
    expect(route({ match: { severity: 'critical', connector: re('s3|gcs') } }).match).toEqual({ severity: 'critical', connector: { op: '=~', value: 's3|gcs' } });
  });
});
