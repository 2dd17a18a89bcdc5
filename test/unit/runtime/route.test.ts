/** The route stage: which groups an alert joins, keyed and timed as Alertmanager would. */
import { expect, it } from 'vitest';
import { notifierConfigSchema, type NotifierConfigInput } from '../../../src/runtime/config/schema.ts';
import { Router } from '../../../src/runtime/pipeline/route.ts';

const severity = (value: string) => ({ label: 'severity', op: '=' as const, value });

function router(route: NotifierConfigInput['route']): Router {
  return new Router(notifierConfigSchema.parse({ receivers: [{ name: 'team', channels: [] }, { name: 'db', channels: [] }], escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }] }], route }));
}

it('groups by the group_by labels, with Alertmanager defaults for the timings', () => {
  const [group] = router({ receiver: 'team', group_by: ['alertname', 'connector'] }).assign({ alertname: 'A', connector: 'crm', operation: 'read' });
  expect(group).toMatchObject({
    key: '{}:{alertname="A", connector="crm"}',
    labels: { alertname: 'A', connector: 'crm' },
    target: { kind: 'receiver', name: 'team' },
    groupWaitMs: 30_000,
    groupIntervalMs: 300_000,
    repeatIntervalMs: 4 * 3_600_000,
  });
});

it('takes the first matching child, which inherits what it does not set; `...` groups by every label', () => {
  const r = router({
    receiver: 'team',
    group_by: ['alertname'],
    group_wait: '10s',
    routes: [
      { matchers: [severity('critical')], escalation: 'page', group_interval: '1m' },
      { matchers: [severity('critical')], receiver: 'db' },
      { matchers: [severity('warning')], receiver: 'db', group_by: ['...'] },
    ],
  });
  expect(r.assign({ alertname: 'A', severity: 'critical' })).toEqual([
    expect.objectContaining({ key: '{}/{severity="critical"}/0:{alertname="A"}', target: { kind: 'escalation', name: 'page' }, groupWaitMs: 10_000, groupIntervalMs: 60_000 }),
  ]);
  expect(r.assign({ alertname: 'A', severity: 'warning', x: '1' })[0]).toMatchObject({ labels: { alertname: 'A', severity: 'warning', x: '1' }, target: { name: 'db' } });
  expect(r.assign({ alertname: 'A', severity: 'info' })[0]).toMatchObject({ key: '{}:{alertname="A"}', target: { name: 'team' } });
});

it('reads an empty group_by as Alertmanager does: a child inherits, the root groups by nothing', () => {
  const r = router({ receiver: 'team', group_by: ['alertname'], routes: [{ matchers: [severity('critical')], receiver: 'db', group_by: [] }] });
  expect(r.assign({ alertname: 'A', severity: 'critical' })[0]).toMatchObject({ labels: { alertname: 'A' } });
  expect(router({ receiver: 'team', group_by: [] }).assign({ alertname: 'A' })[0]).toMatchObject({ labels: {} });
});

it('joins one group per matching route when a route continues', () => {
  const r = router({ receiver: 'team', routes: [{ matchers: [severity('critical')], receiver: 'db', continue: true }, { matchers: [], receiver: 'team' }] });
  expect(r.assign({ severity: 'critical' }).map((g) => g.target.name)).toEqual(['db', 'team']);
});

it('routes alike, from its cache, the alerts alike in the labels routing reads, and no others', () => {
  const r = router({ receiver: 'team', group_by: ['alertname', 'connector'] });
  const first = r.assign({ alertname: 'A', connector: 'crm', instance: '1' });
  expect(r.assign({ alertname: 'A', connector: 'crm', instance: '2' })).toBe(first);
  expect(r.assign({ alertname: 'A', connector: 'erp' })[0]!.key).toBe('{}:{alertname="A", connector="erp"}');
  expect(r.assign({ alertname: 'A' })[0]!.key).toBe('{}:{alertname="A"}');
  // More distinct values than the cache holds: it starts over, and routes every one right.
  for (let i = 0; i < 10_050; i++) expect(r.assign({ alertname: 'A', connector: `c${i}` })[0]!.key).toBe(`{}:{alertname="A", connector="c${i}"}`);
});

it('keeps a group_by label named like an object property apart, as Alertmanager does', () => {
  const r = router({ receiver: 'team', group_by: ['alertname', '__proto__', 'constructor'] });
  const [y] = r.assign(JSON.parse('{"alertname":"A","__proto__":"y","constructor":"c"}'));
  const [z] = r.assign(JSON.parse('{"alertname":"A","__proto__":"z","constructor":"c"}'));
  expect(y!.key).toBe('{}:{__proto__="y", alertname="A", constructor="c"}');
  expect(Object.keys(y!.labels)).toEqual(['alertname', '__proto__', 'constructor']);
  expect(z!.key).not.toBe(y!.key);
});

it('reads a label named like an object property that an alert lacks as missing, in matchers and group_by', () => {
  const r = router({
    receiver: 'team',
    group_by: ['alertname', 'constructor'],
    routes: [{ matchers: [{ label: 'valueOf', op: '=~', value: '.+' }], receiver: 'db' }, { matchers: [{ label: 'toString', op: '!=', value: '' }], receiver: 'db' }],
  });
  const [group] = r.assign({ alertname: 'A' });
  expect(group).toMatchObject({ key: '{}:{alertname="A"}', labels: { alertname: 'A' }, target: { name: 'team' } });
});

it("writes a group's key as Alertmanager writes groupKey: matchers sorted and escaped as it escapes them, values %q-quoted, no index for siblings alike", () => {
  const matchers = [
    { label: 'team', op: '=' as const, value: 'x' },
    { label: 'severity', op: '=~' as const, value: 'crit\tical' },
  ];
  const r = router({ receiver: 'team', group_by: ['alertname', 'x'], routes: [{ receiver: 'team', matchers, continue: true }, { receiver: 'db', matchers }] });
  const groups = r.assign({ alertname: 'A', team: 'x', severity: 'crit\tical', x: 'a\u0001\u00a0é"\u{1F600}\u200b' });
  const labels = 'alertname="A", x="a\\x01\\u00a0é\\"\u{1F600}\\u200b"';
  expect(groups.map((g) => g.groupKey)).toEqual([`{}/{severity=~"crit\tical",team="x"}:{${labels}}`, `{}/{severity=~"crit\tical",team="x"}:{${labels}}`]);
  // The notifier's own keys tell the two routes' groups apart.
  expect(new Set(groups.map((g) => g.key)).size).toBe(2);
});
