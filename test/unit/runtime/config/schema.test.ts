/** What the schema refuses beyond types, as Alertmanager and the build refuse it, each named by its path with what to do. */
import { expect, it } from 'vitest';
import { configRefusal } from './config-refusal.ts';

const channels = [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }];
const receivers = [{ name: 'team', channels }];
const steps = [{ after: '0s', receivers: ['team'] }];
const refusal = configRefusal;

it('refuses two receivers, escalation policies or time intervals of one name, where the last silently won', () => {
  expect(
    refusal({
      receivers: [{ name: 'team', channels }, { name: 'db', channels }, { name: 'team', channels: [] }],
      escalation_policies: [{ name: 'page', steps }, { name: 'page', steps, repeat: 2 }],
      time_intervals: [{ name: 'office', time_intervals: [] }, { name: 'office', time_intervals: [] }],
      route: { receiver: 'team', routes: [{ escalation: 'page', mute_time_intervals: ['office'] }] },
    })?.split('\n'),
  ).toEqual([
    'receivers[2].name: duplicate receiver "team" (also receivers[0]): give each receiver its own name',
    'escalation_policies[1].name: duplicate escalation policy "page" (also escalation_policies[0]): give each escalation policy its own name',
    'time_intervals[1].name: duplicate time interval "office" (also time_intervals[0]): give each time interval its own name',
  ]);
});

it('refuses a route naming both a receiver and an escalation policy, whose receiver was silently dropped', () => {
  const escalation_policies = [{ name: 'page', steps }];
  expect(refusal({ receivers, escalation_policies, route: { receiver: 'team', routes: [{ receiver: 'team', escalation: 'page' }] } })).toBe(
    'route.routes[0]: names both receiver "team" and escalation policy "page": keep one, an escalation policy already says whom to notify',
  );
  expect(refusal({ receivers, escalation_policies, route: { receiver: 'team', routes: [{ escalation: 'page', routes: [{ receiver: 'team' }] }] } })).toBeUndefined();
});

it('refuses a label twice in group_by, as Alertmanager does', () => {
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', group_by: ['alertname', 'connector', 'alertname'] }] } })).toBe(
    'route.routes[0].group_by[2]: "alertname" is listed twice (also group_by[0]): list each label once, as Alertmanager requires',
  );
  expect(refusal({ receivers, route: { receiver: 'team', group_by: ['alertname', 'connector'] } })).toBeUndefined();
});

it("refuses in group_by and an inhibit rule's equal what is not a label name, and '...' beside other labels", () => {
  expect(refusal({ receivers, route: { receiver: 'team', group_by: ['alertname', 'connector-id'] } })).toBe(
    'route.group_by[1]: "connector-id" is not a label name: label names are letters, digits and _, not starting with a digit',
  );
  expect(refusal({ receivers, route: { receiver: 'team', group_by: ['...', 'alertname'] } })).toBe("route.group_by: '...' groups by every label, so it stands alone: drop it, or the other labels");
  expect(refusal({ receivers, route: { receiver: 'team', group_by: ['...'] } })).toBeUndefined();
  const inhibit = (equal: string[]) => [{ source_matchers: [{ label: 'severity', op: '=', value: 'critical' }], target_matchers: [{ label: 'severity', op: '=', value: 'warning' }], equal }];
  expect(refusal({ receivers, route: { receiver: 'team' }, inhibit_rules: inhibit(['connector', 'cluster name']) })).toBe(
    'inhibit_rules[0].equal[1]: "cluster name" is not a label name: label names are letters, digits and _, not starting with a digit',
  );
});

it("refuses a matcher on what is not a label name, which amtool check-config refuses as a bad matcher format", () => {
  const matchers = [{ label: 'bad-label', op: '=', value: 'x' }];
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers }] } })).toBe(
    'route.routes[0].matchers[0].label: "bad-label" is not a label name: label names are letters, digits and _, not starting with a digit',
  );
  expect(refusal({ receivers, route: { receiver: 'team' }, inhibit_rules: [{ source_matchers: [{ label: 'a', op: '=', value: 'b' }], target_matchers: [{ label: '0a', op: '=~', value: '.*' }] }] })).toBe(
    'inhibit_rules[0].target_matchers[0].label: "0a" is not a label name: label names are letters, digits and _, not starting with a digit',
  );
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [{ label: '_Team', op: '!=', value: '' }] }] } })).toBeUndefined();
});

it("shows the object to write for a matcher in Alertmanager's text form, which the config does not read", () => {
  const withMatchers = (matchers: unknown[]) => refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers }] } });
  expect(withMatchers(['severity="critical"'])).toBe(
    `route.routes[0].matchers[0]: a matcher here is a {label, op, value} object, not Alertmanager's text form: write {label: "severity", op: "=", value: "critical"}`,
  );
  expect(withMatchers(['connector =~ "crm|\\"erp\\""'])).toMatch(/write \{label: "connector", op: "=~", value: "crm\|\\"erp\\""\}$/);
  // Not a matcher at all: the example is a generic one.
  expect(withMatchers(['critical'])).toMatch(/: a matcher here is a \{label, op, value\} object, not Alertmanager's text form: write \{label: "severity", op: "=", value: "critical"\}$/);
  expect(withMatchers([7])).toBe('route.routes[0].matchers[0]: Invalid input: expected object, received number');
});

it('names the closest known key of an unknown one, or the keys there are', () => {
  expect(refusal({ receivers, route: { receiver: 'team', grop_wait: '30s' } })).toBe('route: Unrecognized key "grop_wait": did you mean "group_wait"?');
  expect(refusal({ receivers: [{ name: 'team', channels: [{ ...channels[0], bearer_tokn: { env: 'T' } }] }], route: { receiver: 'team' } })).toBe(
    'receivers[0].channels[0]: Unrecognized key "bearer_tokn": did you mean "bearer_token"?',
  );
  expect(refusal({ receivers, route: { receiver: 'team' }, templates: [] })).toBe(
    '(root): Unrecognized key "templates": the keys here are global, receivers, escalation_policies, time_intervals, inhibit_rules, route',
  );
  expect(refusal({ receivers, route: { receiver: 'team', matchers: [{ label: 'a', op: '=', value: 'b', vaule: 'c', x: 1 }] } })).toBe(
    'route.matchers[0]: Unrecognized key "vaule": did you mean "value"?; Unrecognized key "x": the keys here are label, op, value',
  );
});

it('refuses a webhook URL written out with credentials in it: the status API would show them', () => {
  const withCredentials = [{ type: 'webhook', url: 'https://pager:hunter2@pager.example.com/hook' }];
  expect(refusal({ receivers: [{ name: 'team', channels: withCredentials }], route: { receiver: 'team' } })).toMatch(
    /^receivers\[0\]\.channels\[0\]\.url: a URL with credentials in it: secrets are environment references only, so give the URL as \{env: NAME\}/,
  );
  expect(refusal({ receivers: [{ name: 'team', channels: [{ type: 'webhook', url: { env: 'PAGER_URL' } }] }], route: { receiver: 'team' } })).toBeUndefined();
});

it("refuses a line break or control character in a receiver's, escalation policy's or time interval's name, which would end a comment line of alertmanager.yml", () => {
  // What a break in a name did: the rest of the name became YAML of its own, a key amtool took.
  const injected = 'x\ntemplates: ["/etc/passwd"]\n#';
  expect(
    refusal({
      receivers: [{ name: injected, channels }, { name: 'team\u2028b', channels }],
      escalation_policies: [{ name: 'page\t', steps }],
      time_intervals: [{ name: 'off\u0085ice', time_intervals: [] }],
      route: { receiver: 'team' },
    })?.split('\n'),
  ).toEqual([
    `receivers[0].name: character 2 is U+000A, a line break or control character: names are written into comments, logs and messages, where it would end the line; use letters, digits, spaces, '-' and '_'`,
    `receivers[1].name: character 5 is U+2028, a line break or control character: names are written into comments, logs and messages, where it would end the line; use letters, digits, spaces, '-' and '_'`,
    `escalation_policies[0].name: character 5 is U+0009, a line break or control character: names are written into comments, logs and messages, where it would end the line; use letters, digits, spaces, '-' and '_'`,
    `time_intervals[0].name: character 4 is U+0085, a line break or control character: names are written into comments, logs and messages, where it would end the line; use letters, digits, spaces, '-' and '_'`,
  ]);
  expect(refusal({ receivers: [{ name: 'on-call "night" #2 ⏰', channels }], route: { receiver: 'on-call "night" #2 ⏰' } })).toBeUndefined();
});

it('refuses a duration past 292 years, which Alertmanager cannot hold, and says a malformed one is malformed once', () => {
  expect(refusal({ receivers, route: { receiver: 'team', group_wait: '292y24w3d23h47m16s855ms' } })).toBe('route.group_wait: out of range: Alertmanager takes durations short of 292 years');
  expect(refusal({ receivers, route: { receiver: 'team', group_wait: '292y24w3d23h47m16s854ms' } })).toBeUndefined();
  expect(refusal({ receivers, route: { receiver: 'team', group_wait: '' } })).toBe('route.group_wait: a duration such as 30s, 5m or 1h30m');
  expect(refusal({ receivers, route: { receiver: 'team', group_wait: '5 minutes' } })).toBe('route.group_wait: a duration such as 30s, 5m or 1h30m');
  // A period read as milliseconds after the range check: refused, not thrown.
  expect(refusal({ receivers: [{ name: 'team', channels, rate_limit: { messages: 1, per: '300y', burst: 1 }, digest: { every: '300y', at: '09:00' } }], route: { receiver: 'team' } })?.split('\n')).toEqual([
    'receivers[0].rate_limit.per: out of range: Alertmanager takes durations short of 292 years',
    'receivers[0].digest.every: out of range: Alertmanager takes durations short of 292 years',
  ]);
});

it('refuses an SMTP host holding a port or brackets, and takes a bare IPv6 address, which alertmanager.yml brackets', () => {
  const host = (smarthost: string) =>
    refusal({ receivers: [{ name: 'team', channels: [{ type: 'email', to: ['a@x.org'], from: 'b@x.org', smarthost: { host: smarthost, port: 25 } }] }], route: { receiver: 'team' } });
  const message = 'receivers[0].channels[0].smarthost.host: a host name or IP address, without a port (give it in port) or brackets (an IPv6 address is written bare, ::1)';
  expect([host('smtp.example.com:587'), host('[::1]'), host('smtp example')]).toEqual([message, message, message]);
  expect([host('::1'), host('10.0.0.1'), host('smtp.example.com')]).toEqual([undefined, undefined, undefined]);
});

it("refuses a time of day that ends before it starts, and what Alertmanager refuses of the root route", () => {
  expect(refusal({ receivers, route: { receiver: 'team' }, time_intervals: [{ name: 'night', time_intervals: [{ times: [{ start_time: '22:00', end_time: '06:00' }] }] }] })).toBe(
    'time_intervals[0].time_intervals[0].times[0]: starts at 22:00, not before its end 06:00: an interval across midnight is two, to 24:00 and from 00:00',
  );
  expect(refusal({ receivers, route: { receiver: 'team' }, time_intervals: [{ name: 'night', time_intervals: [{ times: [{ start_time: '25:00', end_time: '06:00' }] }] }] })).toBe(
    'time_intervals[0].time_intervals[0].times[0].start_time: HH:MM',
  );
  expect(refusal({ receivers, route: { receiver: 'team', matchers: [{ label: 'team', op: '=', value: 'db' }], continue: true } })?.split('\n')).toEqual([
    'route.matchers: the root route takes every alert; move the matchers to a child route',
    'route.continue: the root route has no sibling to continue to; set it on a child route',
  ]);
});

it('refuses half of a surrogate pair alone anywhere, which UTF-8 cannot write, at its path', () => {
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [{ label: 'team', op: '=', value: 'db\udc00' }] }] } })).toBe(
    "route.routes[0].matchers[0].value: holds U+DC00, half of a surrogate pair alone, which UTF-8 cannot write (Go's readers refuse it): write the whole character",
  );
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [{ label: 'team', op: '=', value: 'db 😀' }] }] } })).toBeUndefined();
});

it("reads a Slack icon URL as WHATWG does, not as Go: Alertmanager passes it on unread", () => {
  const icon = (icon_url: string) => refusal({ receivers: [{ name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL' }, icon_url }] }], route: { receiver: 'team' } });
  expect([icon('http://x/%zz.png'), icon('http:/x/i.png')]).toEqual([undefined, undefined]);
  expect(icon('ftp://x/i.png')).toBe('receivers[0].channels[0].icon_url: not an http or https URL: messages go over HTTP');
});
