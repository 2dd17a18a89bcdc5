/** The config the notifier refuses at startup and on reload, each problem named by its path. */
import { expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError, parseNotifierConfig } from '../../../../src/runtime/config/load-config.ts';

const receivers = [{ name: 'team', channels: [{ type: 'webhook', url: 'http://127.0.0.1:1/hook' }] }];
const refusal = (config: unknown) => {
  try {
    parseNotifierConfig(stringify(config));
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return undefined;
};

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
    "route.routes.0.matchers.0.value: not an RE2 regular expression (Alertmanager's syntax): error parsing regexp: invalid or unsupported Perl syntax: `(?=`",
  );
  expect(refusal({ receivers, route: { receiver: 'team' }, inhibit_rules: [{ source_matchers: matchers, target_matchers: [{ label: 'a', op: '=', value: 'b' }] }] })).toMatch(/^inhibit_rules\.0\.source_matchers\.0\.value: not an RE2/);
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [{ label: 'connector', op: '!~', value: '(?i)crm' }] }] } })).toBeUndefined();
});

it('refuses a time interval in a time zone the runtime does not know, which would fail every flush of its routes', () => {
  const time_intervals = [{ name: 'office', time_intervals: [{ weekdays: ['monday:friday'], location: 'Europe/Berln' }] }];
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], active_time_intervals: ['office'] }] }, time_intervals })).toBe(
    'time_intervals.0.time_intervals.0.location: an IANA time zone such as Europe/Berlin',
  );
  time_intervals[0]!.time_intervals[0]!.location = 'Europe/Berlin';
  expect(refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], active_time_intervals: ['office'] }] }, time_intervals })).toBeUndefined();
});

it("refuses the time ranges amtool check-config refuses, with the reason", () => {
  const withSpec = (spec: Record<string, unknown>) =>
    refusal({ receivers, route: { receiver: 'team', routes: [{ receiver: 'team', matchers: [], mute_time_intervals: ['x'] }] }, time_intervals: [{ name: 'x', time_intervals: [spec] }] });
  const path = 'time_intervals.0.time_intervals.0';
  expect(withSpec({ weekdays: ['friday:monday'] })).toBe(`${path}.weekdays.0: "friday:monday": starts after it ends (a week runs sunday to saturday)`);
  expect(withSpec({ weekdays: ['fryday'] })).toBe(`${path}.weekdays.0: "fryday" is not a weekday or a range of them (a:b)`);
  expect(withSpec({ days_of_month: ['0'] })).toBe(`${path}.days_of_month.0: "0": a day of the month is 1 to 31, or -1 to -31 counted back from its end`);
  expect(withSpec({ days_of_month: ['-3:5'] })).toBe(`${path}.days_of_month.0: "-3:5": a range that starts counted back from the month's end must end so too`);
  expect(withSpec({ days_of_month: ['10:5'] })).toBe(`${path}.days_of_month.0: "10:5": starts after it ends`);
  expect(withSpec({ months: ['march:january'] })).toBe(`${path}.months.0: "march:january": starts after it ends`);
  expect(withSpec({ years: ['2026:2025'] })).toBe(`${path}.years.0: "2026:2025": starts after it ends`);
  // What amtool accepts, the notifier accepts.
  expect(withSpec({ weekdays: ['Monday'], days_of_month: ['5:-3', '-1'], months: ['1:3', 'DECEMBER'], years: ['2026'] })).toBeUndefined();
});
