import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../../../src/compiler/diagnostics.ts';
import { describeAlertRouting } from '../../../../src/compiler/notify/describe-routing.ts';
import { staticLabels } from '../../../../src/compiler/notify/reachability.ts';
import { resolveNotify } from '../../../../src/compiler/notify/resolve.ts';
import { notifierConfigSchema } from '../../../../src/runtime/config/schema.ts';
import { alert, email, env, escalationPolicy, notifyConfig, receiver, route, slack, timeInterval, webhook } from '../../../../src/sdk/index.ts';

const team = receiver({ name: 'team', channels: [slack({ webhookUrl: env('SLACK_URL'), channel: '#team' }), email({ to: ['team@example.com'], from: 'af@example.com', host: 'smtp' })] });
const oncall = receiver({ name: 'oncall', channels: [webhook({ url: 'https://oncall.example.com/hook' })] });
const pager = escalationPolicy({ name: 'pager', steps: [{ after: '0s', notify: [team] }, { after: '10m', notify: [oncall] }], repeat: 2 });

const office = timeInterval({ name: 'office', weekdays: ['monday:friday'] });
const holidays = timeInterval({ name: 'holidays', months: ['december'], daysOfMonth: ['24:26'] });

const diagnostics = new Diagnostics();
const routes = [route({ name: 'pages', match: { severity: 'critical' }, escalation: pager }), route({ name: 'tickets', match: { severity: 'info' }, receiver: oncall, activeDuring: [office], muteDuring: [holidays] })];
const config = notifierConfigSchema.parse(resolveNotify(notifyConfig({ route: route({ receiver: team, routes }) }), [office, holidays], '.', diagnostics).config);
const rule = (severity: 'critical' | 'warning' | 'info', withoutEscalation?: string) => alert({ name: 'X', expr: 'up == 0', for: '5m', severity, summary: 'x', ...(withoutEscalation ? { withoutEscalation } : {}) });
const describeRouting = (alertRule: ReturnType<typeof rule>) => describeAlertRouting(config, alertRule, staticLabels(alertRule, {}, null));

describe("ALERTS.md's account of who an alert reaches", () => {
  it('names the route, each escalation step with its receivers and channels, and the repeats', () => {
    expect(describeRouting(rule('critical'))).toEqual([
      'escalation pager via root > pages: team (Slack #team, email team@example.com) at once, then oncall (webhook https://oncall.example.com/hook) after 10m unacknowledged; the chain runs 2 times',
    ]);
  });

  it('names the receiver of an alert that is not escalated, and why when its rule says', () => {
    expect(describeRouting(rule('warning'))).toEqual(['team (Slack #team, email team@example.com) via root']);
    expect(describeRouting(rule('warning', 'nobody can act on it at night'))).toEqual(['team (Slack #team, email team@example.com) via root; not escalated: nobody can act on it at night']);
  });

  it('says when a route with time intervals may notify', () => {
    expect(describeRouting(rule('info'))).toEqual(['oncall (webhook https://oncall.example.com/hook) via root > tickets; only during office; not during holidays']);
  });
});
