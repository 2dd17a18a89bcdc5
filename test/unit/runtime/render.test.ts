/** Message text: a receiver's own templates over the placeholders, and the Alertmanager-like defaults. */
import { expect, it } from 'vitest';
import type { Alert } from '../../../src/runtime/model/alert.ts';
import { fingerprint } from '../../../src/runtime/model/labels.ts';
import { buildNotification } from '../../../src/runtime/notification.ts';
import { renderMessage } from '../../../src/runtime/render.ts';

const NOW = Date.parse('2026-05-01T12:00:00Z');
const alert = (connector: string, endsAt = NOW + 60_000): Alert => {
  const labels = { alertname: 'SyncErrorRateHigh', severity: 'critical', connector };
  return { fingerprint: fingerprint(labels), labels, annotations: { summary: `Connector ${connector} fails`, runbook_url: 'https://runbooks.example/sync' }, startsAt: NOW - 60_000, endsAt, timeout: false, generatorURL: 'http://prometheus:9090/graph?g0.expr=x', updatedAt: NOW };
};
const digestInput = {
  groupKey: 'digest:digest',
  groupId: 'd1',
  receiver: 'digest',
  groupLabels: {},
  resolved: [],
  externalURL: 'https://notifier.example',
  links: {},
  now: NOW,
};
const notification = (firing: Alert[], resolved: Alert[] = []) =>
  buildNotification({
    groupKey: '{}:{alertname="SyncErrorRateHigh"}',
    groupId: 'abc123',
    receiver: 'sync-oncall',
    groupLabels: { alertname: 'SyncErrorRateHigh' },
    firing,
    resolved,
    escalationStep: 2,
    externalURL: 'https://notifier.example',
    links: { ack: 'https://notifier.example/api/v1/groups/abc123/ack?expires=1&signature=s', silence: 'https://notifier.example/api/v1/groups/abc123' },
    now: NOW,
  });

it('fills every placeholder of a receiver template; a label no alert shares is empty', () => {
  const message = renderMessage(notification([alert('crm'), alert('erp')]), {
    title: '{{status}} {{ groupLabels.alertname }} ({{firingCount}}/{{alertCount}}) step {{escalationStep}} for {{receiver}}',
    body: '{{ commonLabels.severity }}|{{commonLabels.connector}}|{{ commonAnnotations.runbook_url }}\n{{alerts}}\nack {{links.ack}}\nrunbook {{links.runbook}}\nsource {{links.source}}\n{{externalURL}}',
  });
  expect(message.title).toBe('firing SyncErrorRateHigh (2/2) step 2 for sync-oncall');
  expect(message.body).toBe(
    [
      'critical||https://runbooks.example/sync',
      '[firing] Connector crm fails {alertname="SyncErrorRateHigh", connector="crm", severity="critical"}',
      '  runbook_url: https://runbooks.example/sync',
      '[firing] Connector erp fails {alertname="SyncErrorRateHigh", connector="erp", severity="critical"}',
      '  runbook_url: https://runbooks.example/sync',
      'ack https://notifier.example/api/v1/groups/abc123/ack?expires=1&signature=s',
      'runbook https://runbooks.example/sync',
      'source http://prometheus:9090/graph?g0.expr=x',
      'https://notifier.example',
    ].join('\n'),
  );
});

it('defaults read like Alertmanager; a resolved message has no acknowledge link', () => {
  const firing = renderMessage(notification([alert('crm')]), undefined);
  expect(firing.title).toBe('[FIRING:1] SyncErrorRateHigh: Connector crm fails');
  expect(firing.body).toContain('Escalation step 2.');
  expect(firing.body).toContain('Acknowledge: https://notifier.example/api/v1/groups/abc123/ack?');
  const resolved = renderMessage(notification([], [alert('crm', NOW)]), { title: '{{status}}: {{resolvedCount}} resolved', body: 'ack [{{links.ack}}]' });
  expect(resolved).toEqual({ title: 'resolved: 1 resolved', body: 'ack []' });
});

it("lists a message's alerts in Alertmanager's order, and its text what fires before what resolved", () => {
  // By label set, crm's resolution comes before erp and xyz, which fire.
  const n = notification([alert('xyz'), alert('erp')], [alert('crm', NOW)]);
  expect(n.alerts.map((a) => `${a.labels.connector} ${a.status}`)).toEqual(['crm resolved', 'erp firing', 'xyz firing']);
  expect(n.links.source).toBe('http://prometheus:9090/graph?g0.expr=x');
  const listed = renderMessage(n, { title: '', body: '{{alerts}}' }).body.split('\n').filter((line) => line.startsWith('['));
  expect(listed.map((line) => line.split(' ')[2])).toEqual(['erp', 'xyz', 'crm']);
});

it("lists each alert's other annotations under it, a description's lines indented, and at most 50 alerts", () => {
  const described = { ...alert('crm'), annotations: { summary: 'Connector crm fails', description: 'Errors since the deploy.\nSee the dashboard.' } };
  expect(renderMessage(notification([described]), undefined).body).toMatch(
    /^\[firing\] Connector crm fails \{[^}]*\}\n {2}description: Errors since the deploy\.\n {4}See the dashboard\.\n/,
  );
  // A resolved message has no silence link either: its group goes with it.
  expect(renderMessage(notification([], [alert('crm', NOW)]), undefined).body).not.toContain('Silence:');
  const many = Array.from({ length: 120 }, (_, i) => alert(`c${String(i).padStart(3, '0')}`));
  const body = renderMessage(notification(many), undefined).body;
  expect(body.split('\n').filter((line) => line.startsWith('[firing]'))).toHaveLength(50);
  expect(body).toContain('… and 70 more alert(s)');
  expect(body).toContain('Acknowledge: https://notifier.example/api/v1/groups/abc123/ack?');
});

it('titles a message of several alert names (a digest) by its names', () => {
  const other = (name: string, connector: string): Alert => {
    const base = alert(connector);
    const labels = { ...base.labels, alertname: name };
    return { ...base, labels, fingerprint: fingerprint(labels), annotations: {} };
  };
  const n = buildNotification({ ...digestInput, firing: [other('DiskFull', 'a'), other('CPUHigh', 'b')] });
  expect(renderMessage(n, undefined).title).toBe('[FIRING:2] CPUHigh, DiskFull');
});
