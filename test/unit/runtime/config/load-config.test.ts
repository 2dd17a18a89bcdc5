/** The config the notifier refuses at startup and on reload, each problem named by its path. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, loadNotifierConfig, parseNotifierConfig } from '../../../../src/runtime/config/load-config.ts';
import { configRefusal } from './config-refusal.ts';
import { runNotifier } from '../../../../src/runtime/run-notifier.ts';
import { REPO_ROOT } from '../../../support/project-fixture.ts';

const receivers = [{ name: 'team', channels: [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }] }];
const refusal = configRefusal;

it('accepts a config whose references all resolve', () => {
  expect(refusal({ receivers, route: { receiver: 'team', group_interval: '1m' } })).toBeUndefined();
});

it('names every reference to nothing and every zero interval, as Alertmanager refuses them', () => {
  const message = refusal({
    receivers,
    escalation_policies: [{ name: 'critical', steps: [{ after: '0s', receivers: ['oncall'] }] }],
    route: { receiver: 'team', repeat_interval: '0s', routes: [{ escalation: 'nope', group_interval: '0m', mute_time_intervals: ['weekends'] }] },
  });
  expect(message?.split('\n')).toEqual([
    'escalation_policies[0].steps[0].receivers: no receiver named "oncall"',
    'route.repeat_interval: cannot be zero',
    'route.routes[0].escalation: no escalation policy named "nope"',
    'route.routes[0].group_interval: cannot be zero',
    'route.routes[0]: no time interval named "weekends"',
  ]);
});

it('names the field of a schema error and refuses text that is not YAML', () => {
  expect(refusal({ receivers, route: { receiver: 'team', group_wait: 'soon' } })).toMatch(/^route\.group_wait: a duration such as 30s/);
  expect(() => parseNotifierConfig('route: [')).toThrow(/^not YAML/);
});

it('refuses a regex matcher that is not RE2, which no alert could be matched against', () => {
  const matchers = [{ label: 'connector', op: '=~', value: 'crm(?=-eu)' }];
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers }] } })).toBe(
    "route.routes[0].matchers[0].value: not an RE2 regular expression (Alertmanager's syntax): error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
  );
  expect(refusal({ receivers, route: { receiver: 'team' }, inhibit_rules: [{ source_matchers: matchers, target_matchers: [{ label: 'a', op: '=', value: 'b' }] }] })).toMatch(/^inhibit_rules\[0\]\.source_matchers\[0\]\.value: not an RE2/);
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [{ label: 'connector', op: '!~', value: '(?i)crm' }] }] } })).toBeUndefined();
});

it('refuses a time interval in a time zone the runtime does not know, which would fail every flush of its routes', () => {
  const time_intervals = [{ name: 'office', time_intervals: [{ weekdays: ['monday:friday'], location: 'Europe/Berln' }] }];
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], active_time_intervals: ['office'] }] }, time_intervals })).toBe(
    'time_intervals[0].time_intervals[0].location: an IANA time zone spelled as in the tz database (Alertmanager minds the case), such as Europe/Berlin or America/New_York',
  );
  // JavaScript takes these; Alertmanager reads the zone file by its name, and case matters there.
  // ICU's ids that name no zone file (IST, BST, SystemV/...), amtool: `unknown time zone IST`.
  for (const location of ['europe/berlin', 'Europe/berlin', 'utc', 'us/Pacific', 'IST', 'BST', 'PST', 'SystemV/AST4', 'US/Pacific-New', 'Factory']) {
    time_intervals[0]!.time_intervals[0]!.location = location;
    expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], active_time_intervals: ['office'] }] }, time_intervals })).toMatch(/location: an IANA time zone spelled/);
  }
  for (const location of ['Europe/Berlin', 'UTC', 'US/Pacific', 'EST', 'Etc/GMT+5', 'America/Port-au-Prince', 'Local', 'GB-Eire', 'GMT+0', 'NZ-CHAT', 'Asia/Calcutta']) {
    time_intervals[0]!.time_intervals[0]!.location = location;
    expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], active_time_intervals: ['office'] }] }, time_intervals })).toBeUndefined();
  }
});

it('refuses a range whose end does not read, rather than taking its start alone (monday:funday ran as monday)', () => {
  const withWeekdays = (weekdays: string[]) =>
    refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], mute_time_intervals: ['x'] }] }, time_intervals: [{ name: 'x', time_intervals: [{ weekdays }] }] });
  expect(withWeekdays(['monday:funday'])).toMatch(/"monday:funday" is not a weekday or a range of them/);
  expect(withWeekdays(['monday:'])).toMatch(/"monday:" is not a weekday/);
  expect(withWeekdays(['monday', 'monday:friday'])).toBeUndefined();
});

it('refuses a webhook or icon URL that is not http or https, as Alertmanager does', () => {
  const hook = (url: string) => refusal({ receivers: [{ name: 'team', channels: [{ type: 'webhook', url }] }], route: { receiver: 'team' } });
  expect(hook('ftp://hooks.example.com/alerts')).toBe('receivers[0].channels[0].url: not an http or https URL: messages go over HTTP');
  expect(hook('https://hooks.example.com/alerts')).toBeUndefined();
  const icon = refusal({ receivers: [{ name: 'team', channels: [{ type: 'slack', webhook_url: { env: 'SLACK_URL' }, icon_url: 'file:///etc/passwd' }] }], route: { receiver: 'team' } });
  expect(icon).toBe('receivers[0].channels[0].icon_url: not an http or https URL: messages go over HTTP');
});

it("refuses the time ranges amtool check-config refuses, with the reason", () => {
  const withSpec = (spec: Record<string, unknown>) =>
    refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], mute_time_intervals: ['x'] }] }, time_intervals: [{ name: 'x', time_intervals: [spec] }] });
  const path = 'time_intervals[0].time_intervals[0]';
  expect(withSpec({ weekdays: ['friday:monday'] })).toBe(`${path}.weekdays[0]: "friday:monday": starts after it ends (a week runs sunday to saturday)`);
  expect(withSpec({ weekdays: ['fryday'] })).toBe(`${path}.weekdays[0]: "fryday" is not a weekday or a range of them (a:b)`);
  expect(withSpec({ days_of_month: ['0'] })).toBe(`${path}.days_of_month[0]: "0": a day of the month is 1 to 31, or -1 to -31 counted back from its end`);
  expect(withSpec({ days_of_month: ['-3:5'] })).toBe(`${path}.days_of_month[0]: "-3:5": a range that starts counted back from the month's end must end so too`);
  expect(withSpec({ days_of_month: ['10:5'] })).toBe(`${path}.days_of_month[0]: "10:5": starts after it ends`);
  // amtool check-config: `end day -1 is always before start day 30`; 27:-1 and 26:-2 it takes.
  expect(withSpec({ days_of_month: ['30:-1'] })).toBe(`${path}.days_of_month[0]: "30:-1": Alertmanager refuses it, its check counting day -1 as 27 (28 - 1), before day 30`);
  expect(withSpec({ days_of_month: ['27:-2'] })).toMatch(/"27:-2": Alertmanager refuses it, its check counting day -2 as 26/);
  expect(withSpec({ days_of_month: ['27:-1', '26:-2'] })).toBeUndefined();
  expect(withSpec({ months: ['march:january'] })).toBe(`${path}.months[0]: "march:january": starts after it ends`);
  expect(withSpec({ years: ['2026:2025'] })).toBe(`${path}.years[0]: "2026:2025": starts after it ends`);
  // What amtool accepts, the notifier accepts.
  expect(withSpec({ weekdays: ['Monday'], days_of_month: ['5:-3', '-1'], months: ['1:3', 'DECEMBER'], years: ['2026'] })).toBeUndefined();
});

it('accepts the generated config', async () => {
  const config = await loadNotifierConfig(join(REPO_ROOT, 'generated/notifier/notifier.yaml'));
  expect(config.receivers.length).toBeGreaterThan(0);
});

it('reads YAML merge keys, as Alertmanager does', () => {
  const config = parseNotifierConfig(`
receivers:
  - name: team
    channels:
      - &hook {type: webhook, url: 'http://127.0.0.1:1/a', max_alerts: 5, send_resolved: false}
      - {<<: *hook, url: 'http://127.0.0.1:1/b'}
route: {receiver: team}
`);
  expect(config.receivers[0]!.channels[1]).toEqual({ type: 'webhook', url: 'http://127.0.0.1:1/b', max_alerts: 5, send_resolved: false });
});

it('starts every problem with the file, at startup and on reload', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'alertforge-config-'));
  const configFile = join(dir, 'notifier.yaml');
  const start = () => runNotifier({ configFile, host: '127.0.0.1', port: 0, stateFile: join(dir, 'state.sqlite'), ingestRequiresToken: false, env: {}, log: () => {} });
  try {
    await writeFile(configFile, stringify({ receivers, route: { receiver: 'nobody', grop_wait: '30s' } }));
    await expect(start()).rejects.toThrow(new ConfigError(`${configFile}: route: Unrecognized key "grop_wait": did you mean "group_wait"?`));
    await writeFile(configFile, stringify({ receivers, route: { receiver: 'team' } }));
    const running = await start();
    try {
      await writeFile(configFile, stringify({ receivers, route: { receiver: 'nobody', routes: [{ receiver: 'team', group_by: ['a', 'a'] }, { receiver: 'gone' }] } }));
      expect(await running.reload()).toBe(`${configFile}: route.routes[0].group_by[1]: "a" is listed twice (also group_by[0]): list each label once, as Alertmanager requires`);
      await writeFile(configFile, stringify({ receivers, route: { receiver: 'nobody', routes: [{ receiver: 'gone' }] } }));
      expect((await running.reload())?.split('\n')).toEqual([`${configFile}: route.receiver: no receiver named "nobody"`, `${configFile}: route.routes[0].receiver: no receiver named "gone"`]);
      await writeFile(configFile, 'route: [');
      const notYaml = `${configFile}: not YAML: `;
      expect((await running.reload())?.slice(0, notYaml.length)).toBe(notYaml);
    } finally {
      await running.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
