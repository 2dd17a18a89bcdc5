/**
 * The notifier's config schema (what the build and the notifier take) and amtool check-config judge
 * these values alike: each is put in a notifier config and in an alertmanager.yml of the same
 * meaning, and both verdicts are compared. Each row is a mistake the build once let through (or a
 * valid value it once refused) that amtool judged otherwise.
 *
 * Refused on purpose, though amtool 0.25 takes them: month 0 or 13 (never matches), an SMTP host in
 * brackets (written bare, `::1`), a backslash in a URL's path (Go and undici send different URLs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, expect } from 'vitest';
import { ConfigError, parseNotifierConfig } from '../../src/runtime/config/load-config.ts';
import { alertmanagerMatcher } from '../../src/runtime/config/route-match.ts';
import { itWithTools } from '../support/tools.ts';

const dir = mkdtempSync(join(tmpdir(), 'am-agreement-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A value's place in both configs: the notifier's (as an object) and Alertmanager's (as YAML, the value JSON-quoted). */
interface Field {
  readonly notifier: (value: string) => unknown;
  readonly alertmanager: (quoted: string) => string;
}

const hook = (url: string) => ({ receivers: [{ name: 'r', channels: [{ type: 'webhook', url }] }], route: { receiver: 'r' } });
const FIELDS: Record<string, Field> = {
  'webhook url': { notifier: hook, alertmanager: (url) => `route: {receiver: r}\nreceivers: [{name: r, webhook_configs: [{url: ${url}}]}]` },
  'time zone': {
    notifier: (location) => ({ ...hook('http://x/'), time_intervals: [{ name: 't', time_intervals: [{ location }] }] }),
    alertmanager: (location) => `route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals: [{name: t, time_intervals: [{location: ${location}}]}]`,
  },
  ...Object.fromEntries(
    ['days_of_month', 'months', 'weekdays'].map((key) => [
      key,
      {
        notifier: (range: string) => ({ ...hook('http://x/'), time_intervals: [{ name: 't', time_intervals: [{ [key]: [range] }] }] }),
        alertmanager: (range: string) => `route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals: [{name: t, time_intervals: [{${key}: [${range}]}]}]`,
      },
    ]),
  ),
  'times of day': {
    notifier: (times) => ({ ...hook('http://x/'), time_intervals: [{ name: 't', time_intervals: [{ times: [{ start_time: times.split(' ')[0], end_time: times.split(' ')[1] }] }] }] }),
    alertmanager: (times) => `route: {receiver: r}\nreceivers: [{name: r}]\ntime_intervals: [{name: t, time_intervals: [{times: [{start_time: "${JSON.parse(times).split(' ')[0]}", end_time: "${JSON.parse(times).split(' ')[1]}"}]}]}]`,
  },
  // As alertmanager.yml writes it: host:port, an IPv6 address in brackets.
  'smtp host': {
    notifier: (host) => ({ receivers: [{ name: 'r', channels: [{ type: 'email', to: ['a@x.org'], from: 'b@x.org', smarthost: { host, port: 25 } }] }], route: { receiver: 'r' } }),
    alertmanager: (host) => `route: {receiver: r}\nreceivers: [{name: r, email_configs: [{to: a@x.org, from: b@x.org, smarthost: ${JSON.stringify(`${isIPv6(JSON.parse(host)) ? `[${JSON.parse(host)}]` : JSON.parse(host)}:25`)}}]}]`,
  },
  // A child route's matcher, written as alertmanager.yml writes it.
  ...Object.fromEntries(
    (['=', '=~'] as const).map((op) => [
      `matcher ${op}`,
      {
        notifier: (value: string) => ({ ...hook('http://x/'), route: { receiver: 'r', routes: [{ receiver: 'r', matchers: [{ label: 'team', op, value }] }] } }),
        alertmanager: (value: string) => `route: {receiver: r, routes: [{receiver: r, matchers: [${JSON.stringify(alertmanagerMatcher({ label: 'team', op, value: JSON.parse(value) }))}]}]}\nreceivers: [{name: r}]`,
      },
    ]),
  ),
  // What the root route sets beside its receiver.
  'root route': {
    notifier: (field) => ({ ...hook('http://x/'), route: { receiver: 'r', ...ROOT_SETTINGS[field]!.notifier }, time_intervals: [{ name: 't', time_intervals: [] }] }),
    alertmanager: (field) => `route: {receiver: r, ${ROOT_SETTINGS[JSON.parse(field)]!.alertmanager}}\nreceivers: [{name: r}]\ntime_intervals: [{name: t, time_intervals: []}]`,
  },
  'group_wait': {
    notifier: (wait) => ({ ...hook('http://x/'), route: { receiver: 'r', group_wait: wait } }),
    alertmanager: (wait) => `route: {receiver: r, group_wait: ${wait}}\nreceivers: [{name: r}]`,
  },
};

const ROOT_SETTINGS: Record<string, { notifier: object; alertmanager: string }> = {
  'group_by': { notifier: { group_by: ['alertname'] }, alertmanager: 'group_by: [alertname]' },
  'matchers': { notifier: { matchers: [{ label: 'team', op: '=', value: 'db' }] }, alertmanager: 'matchers: [team=db]' },
  'continue': { notifier: { continue: true }, alertmanager: 'continue: true' },
  'mute_time_intervals': { notifier: { mute_time_intervals: ['t'] }, alertmanager: 'mute_time_intervals: [t]' },
  'active_time_intervals': { notifier: { active_time_intervals: ['t'] }, alertmanager: 'active_time_intervals: [t]' },
};

const CASES: readonly (readonly [field: string, value: string])[] = [
  ...['http://x/', 'http:/x', 'http:x', 'http://x\\y', 'http://x/%zz', 'http://x/%2', 'http://x/?q=%zz', 'http://x/#%zz', 'http://x:8o/', 'http://[::1]:9093/', 'http://a{b/', 'http://ex%41mple.com/', 'http://ex%C3%A9.com/', 'http://u p@x/', 'http://u%zz@x/', 'http://x/\u0001', 'ftp://x/', 'http://x/a%20b', 'https://hooks.example.com/services/T/B/X'].map((url) => ['webhook url', url] as const),
  ...['Europe/Berlin', 'Europe/berlin', 'UTC', 'utc', 'Local', 'IST', 'BST', 'SystemV/AST4', 'GMT+0', 'US/Pacific', 'Asia/Calcutta'].map((zone) => ['time zone', zone] as const),
  ...['1:7', '-3:-1', '5:-3', '27:-1', '28:-1', '30:-1', '26:-2', '27:-2', '-1:-3', '0', '-5:5'].map((days) => ['days_of_month', days] as const),
  ...['1:3', '12', 'December', 'january:March', 'march:january', 'jan'].map((months) => ['months', months] as const),
  ...['Monday:Friday', 'sunday', 'SATURDAY', 'friday:monday', 'mon', '1:3'].map((weekdays) => ['weekdays', weekdays] as const),
  ...['09:00 17:00', '00:00 24:00', '17:00 09:00', '09:00 09:00'].map((times) => ['times of day', times] as const),
  ...['smtp.example.com', '10.0.0.1', '::1', 'fe80::1', 'smtp.example.com:587', '[smtp'].map((host) => ['smtp host', host] as const),
  ...['db', 'a"b\\c', 'é😀', 'db\udc00', '\ud83d'].map((value) => ['matcher =', value] as const),
  // Go 1.19's regexp, which built amtool 0.25: Unicode 13's scripts, (?P<name> only.
  ...['\\p{Greek}+', '\\p{Kawi}', '[\\P{^Toto}a]', '\\\\p{Kawi}', '\\Q\\p{Kawi}\\E', '(?P<n>a)', '(?P<n>a)|(?P<n>b)', '(?<n>a)', '(a', '(?i)DB|api', 'a{1001}'].map((regex) => ['matcher =~', regex] as const),
  ...Object.keys(ROOT_SETTINGS).map((field) => ['root route', field] as const),
  ...['30s', '1h30m', '292y', '292y24w3d23h47m16s854ms', '292y24w3d23h47m16s855ms', '300y', '5 minutes', '1.5m'].map((wait) => ['group_wait', wait] as const),
];

/** The notifier's refusal, schema and references alike, as it reads a config file. */
function refusal(config: unknown): string | undefined {
  try {
    parseNotifierConfig(stringify(config));
    return undefined;
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
}

function amtoolRefuses(yaml: string): string | undefined {
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, `${yaml}\n`);
  try {
    execFileSync('amtool', ['check-config', file], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return /FAILED: (.*)/.exec(String((error as { stdout: Buffer }).stdout))?.[1] ?? 'FAILED';
  }
}

itWithTools(['amtool'])('takes and refuses the values amtool check-config takes and refuses', () => {
  const disagreements = CASES.flatMap(([field, value]) => {
    const { notifier, alertmanager } = FIELDS[field]!;
    const ours = refusal(notifier(value));
    const theirs = amtoolRefuses(alertmanager(JSON.stringify(value)));
    return (ours === undefined) === (theirs === undefined) ? [] : [`${field} ${JSON.stringify(value)}: notifier ${ours ?? 'takes it'}, amtool ${theirs ?? 'takes it'}`];
  });
  expect(disagreements).toEqual([]);
  // Both sides refuse some and take others: a case list all one way would prove nothing.
  expect(new Set(CASES.map(([field, value]) => refusal(FIELDS[field]!.notifier(value)) === undefined)).size).toBe(2);
}, 60_000);
