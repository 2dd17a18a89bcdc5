/**
 * The notifier's Alertmanager API against Debian's Alertmanager: the same alerts and silences
 * posted to both, the same queries, the same answers. GET /api/v2/alerts/groups (which Grafana's
 * Alertmanager data source and dashboards such as karma read), GET /api/v2/alerts (amtool alert
 * query) and GET /api/v2/silences (amtool silence query).
 */
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { expect } from 'vitest';
import { seededRandom } from '../support/seeded-random.ts';
import { itWithTools } from '../support/tools.ts';
import { startAlertmanagerProcess } from './support/alertmanager-process.ts';
import { caseDirs } from './support/case-dirs.ts';
import { startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';

const newCaseDir = caseDirs('alertmanager-api');

/** Nothing is sent while the test runs: the groups wait an hour. */
const HOOK = 'http://127.0.0.1:9/hook';

/** Each test runs both in a directory of its own, so that neither keeps the last test's state. */
function startAlertmanager(caseDir: string): Promise<string> {
  return startAlertmanagerProcess(
    caseDir,
    [
      // The escalation as the notifier's Alertmanager form writes it: a catch-all child route a step and receiver.
      'route: {receiver: team, group_by: [alertname], group_wait: 1h, routes: [{matchers: [severity="critical"], receiver: oncall}, {matchers: [severity="page"], receiver: oncall, routes: [{receiver: oncall, continue: true}, {receiver: oncall, group_wait: 1h10m, continue: true}, {receiver: manager, group_wait: 1h10m, continue: true}]}]}',
      'receivers:',
      `- {name: team, webhook_configs: [{url: "${HOOK}"}]}`,
      `- {name: oncall, webhook_configs: [{url: "${HOOK}"}]}`,
      `- {name: manager, webhook_configs: [{url: "${HOOK}"}]}`,
      'inhibit_rules: [{source_matchers: [severity="critical"], target_matchers: [severity="warning"], equal: [connector]}]',
    ].join('\n'),
  );
}

async function startNotifier(caseDir: string): Promise<string> {
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: HOOK }] });
  const config = await writeNotifierConfig(caseDir, {
    receivers: [hook('team'), hook('oncall'), hook('manager')],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['oncall'] }, { after: '10m', receivers: ['oncall', 'manager'] }] }],
    route: {
      receiver: 'team',
      group_by: ['alertname'],
      group_wait: '1h',
      routes: [
        { matchers: [{ label: 'severity', op: '=', value: 'critical' }], receiver: 'oncall' },
        { matchers: [{ label: 'severity', op: '=', value: 'page' }], escalation: 'page' },
      ],
    },
    inhibit_rules: [{ source_matchers: [{ label: 'severity', op: '=', value: 'critical' }], target_matchers: [{ label: 'severity', op: '=', value: 'warning' }], equal: ['connector'] }],
  });
  return (await startNotifierProcess(caseDir, config)).url;
}

async function send(url: string, path: string, body: unknown, status = 200): Promise<void> {
  const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(response.status, `${url}${path}: ${await response.clone().text()}`).toBe(status);
}

interface GettableAlert {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
  receivers: { name: string }[];
}

interface AlertGroup {
  labels: Record<string, string>;
  receiver: { name: string };
  alerts: GettableAlert[];
}

async function get<T>(url: string): Promise<T> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
}

/** Alerts without what differs by design (silence ids, times). */
const comparable = (alerts: GettableAlert[]) =>
  alerts.map((a) => ({
    fingerprint: a.fingerprint,
    labels: a.labels,
    annotations: a.annotations,
    state: a.status.state,
    silences: a.status.silencedBy.length,
    inhibitors: a.status.inhibitedBy.length,
    receivers: a.receivers.map((r) => r.name),
  }));

/** The alerts in the order given, checked to be fingerprint order. */
async function firingAlerts(url: string, query: string): Promise<unknown[]> {
  const alerts = await get<GettableAlert[]>(`${url}/api/v2/alerts${query}`);
  const fingerprints = alerts.map((a) => a.fingerprint);
  expect(fingerprints, `${url}/api/v2/alerts${query} in fingerprint order`).toEqual([...fingerprints].sort());
  return comparable(alerts);
}

/** The groups, and their alerts, in the order given. */
async function alertGroups(url: string, query: string): Promise<{ labels: Record<string, string>; receiver: string; alerts: unknown[] }[]> {
  const groups = await get<AlertGroup[]>(`${url}/api/v2/alerts/groups${query}`);
  return groups.map((g) => ({ labels: g.labels, receiver: g.receiver.name, alerts: comparable(g.alerts) }));
}

itWithTools(['alertmanager'])('answers GET /api/v2/alerts/groups and /api/v2/alerts as Alertmanager does, query by query', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const alerts = [
    // Alertmanager lists a group's alerts by instance first: erp's before crm's.
    { labels: { alertname: 'DiskFull', connector: 'crm', severity: 'warning', instance: 'host-b' }, annotations: { summary: 'crm disk' }, endsAt },
    { labels: { alertname: 'DiskFull', connector: 'erp', severity: 'warning', instance: 'host-a' }, endsAt },
    { labels: { alertname: 'SyncDown', connector: 'crm', severity: 'critical' }, endsAt },
    { labels: { alertname: 'SyncDown', connector: 'erp', severity: 'critical' }, endsAt },
    // Escalated: listed for every receiver of its policy, as Alertmanager lists the steps' routes.
    { labels: { alertname: 'Paged', connector: 'hr', severity: 'page' }, endsAt },
    // An empty label is no label: this is the first alert again.
    { labels: { alertname: 'DiskFull', connector: 'crm', severity: 'warning', instance: 'host-b', team: '' }, annotations: { summary: 'crm disk' }, endsAt },
    // Lone surrogates, posted escaped (as JSON.stringify writes them), read as U+FFFD.
    { labels: { alertname: 'DiskFull', connector: 'crm', severity: 'warning', instance: 'host-\ud800' }, annotations: { summary: 'crm disk \udfff' }, endsAt },
  ];
  const silence = { matchers: [{ name: 'connector', value: 'erp', isRegex: false, isEqual: true }], startsAt: new Date().toISOString(), endsAt, createdBy: 'alice', comment: 'erp maintenance' };
  // A request holding three alerts that neither program takes (a bad label name, a bad annotation
  // name, a start after the end): both answer 400 and take in the fourth.
  const mixed = [
    { labels: { alertname: 'Mixed', connector: 'crm', severity: 'warning' }, endsAt },
    { labels: { alertname: 'Mixed', '1x': 'a' }, endsAt },
    { labels: { alertname: 'Mixed', connector: 'hr' }, annotations: { 'runbook-url': 'http://runbooks/mixed' }, endsAt },
    { labels: { alertname: 'Mixed', connector: 'erp' }, startsAt: endsAt, endsAt: new Date().toISOString() },
  ];
  for (const url of [alertmanager, notifier]) {
    await send(url, '/api/v2/alerts', alerts);
    await send(url, '/api/v2/alerts', mixed, 400);
    // A resolution without a start (as scripts post one) is taken, by both.
    await send(url, '/api/v2/alerts', [{ labels: { alertname: 'NeverFired', connector: 'crm' }, endsAt: new Date(Date.now() - 1000).toISOString() }]);
    await send(url, '/api/v2/silences', silence);
    // Matching a missing label, it would mute every alert.
    await send(url, '/api/v2/silences', { ...silence, matchers: [{ name: 'team', value: '.*', isRegex: true, isEqual: true }] }, 400);
  }

  // DiskFull on crm is inhibited by SyncDown on crm; everything on erp is silenced.
  const queries = ['', '?silenced=false', '?inhibited=false', '?silenced=false&inhibited=false', '?active=false', '?receiver=oncall', '?receiver=on.*', '?receiver=manager', `?filter=${encodeURIComponent('connector="crm"')}`, `?filter=${encodeURIComponent('alertname=~"(?i)disk.*"')}&silenced=false`];
  for (const query of queries) {
    expect(await alertGroups(notifier, query), `GET /api/v2/alerts/groups${query}`).toEqual(await alertGroups(alertmanager, query));
    expect(await firingAlerts(notifier, query), `GET /api/v2/alerts${query}`).toEqual(await firingAlerts(alertmanager, query));
  }
  // Not vacuous: the queries select different alerts and groups.
  expect((await alertGroups(alertmanager, '')).map((g) => `${g.labels.alertname} ${g.receiver}`)).toEqual(['DiskFull team', 'Mixed team', 'Paged manager', 'Paged oncall', 'Paged oncall', 'SyncDown oncall']);
  expect((await firingAlerts(alertmanager, '')).length).toBe(7);
  expect(await firingAlerts(alertmanager, '?silenced=false&inhibited=false')).toEqual([expect.objectContaining({ labels: alerts[2]!.labels, state: 'active' }), expect.objectContaining({ labels: alerts[4]!.labels, state: 'active' })]);
  expect((await alertGroups(alertmanager, '?receiver=oncall')).map((g) => g.labels.alertname)).toEqual(['Paged', 'Paged', 'SyncDown']);
  expect((await firingAlerts(alertmanager, '?receiver=manager')).map((a) => (a as GettableAlert).labels.alertname)).toEqual(['Paged']);
});

itWithTools(['alertmanager'])('reads 500 random filter= matchers as Alertmanager does: the same alerts, or both refuse', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const labelSets = [
    { alertname: 'A', connector: 'crm', severity: 'warning', instance: 'h1' },
    { alertname: 'B', connector: 'CRM', severity: 'critical' },
    { alertname: 'C', connector: 'a|b', instance: 'h "q" 2' },
    { alertname: 'D', connector: 'é', foo: 'a,b' },
    { alertname: 'E', connector: 'x\\y', bar: '{}' },
  ];
  for (const url of [alertmanager, notifier]) await send(url, '/api/v2/alerts', labelSets.map((labels) => ({ labels, endsAt })));
  const random = seededRandom(1);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pieces = ['a', 'crm', 'CRM', 'c.*', '(?i)crm', '', ' ', '"', '\\"', ',', '{', '}', 'a|b', '[', '.', 'é', '\\', 'h1', '.*', 'x\\\\y', '(', ')', '\\n'];
  const matcher = () => {
    let value = Array.from({ length: Math.floor(random() * 3) }, () => pick(pieces)).join('');
    if (random() < 0.6) value = `"${value}"`;
    const text = `${pick(['', ' '])}${pick(['alertname', 'connector', 'instance', 'foo', 'bar', 'missing', 'constructor', 'valueOf', '1x', '__name__', 'a:b', ''])}${pick(['=', '!=', '=~', '!~', '==', '~', ' = '])}${value}${pick(['', ' '])}`;
    return random() < 0.1 ? `{${text}}` : text;
  };
  const answer = async (url: string, query: string) => {
    const response = await fetch(`${url}/api/v2/alerts${query}`);
    if (response.status !== 200) return response.status;
    return ((await response.json()) as GettableAlert[]).map((a) => a.labels.alertname).join(',');
  };
  const answers: [string, unknown, unknown][] = [];
  for (let i = 0; i < 500; i++) {
    const query = `?${Array.from({ length: 1 + Math.floor(random() * 2) }, () => `filter=${encodeURIComponent(matcher())}`).join('&')}`;
    answers.push([decodeURIComponent(query), await answer(alertmanager, query), await answer(notifier, query)]);
  }
  // Not vacuous: both ways, and different alerts.
  expect(answers.filter(([, expected]) => expected === 400).length).toBeGreaterThan(50);
  expect(new Set(answers.map(([, expected]) => expected)).size).toBeGreaterThan(10);
  expect(answers.filter(([, expected, actual]) => expected !== actual)).toEqual([]);
});

/**
 * Posts each body to both at `path` and expects the same outcome from each: taken (200) or refused
 * (400; or 422, where Alertmanager's schema refuses a request). Not vacuous: many of each.
 */
async function expectSameOutcomes(path: string, bodies: readonly string[], alertmanager: string, notifier: string): Promise<void> {
  const outcome = async (url: string, body: string) => {
    const { status } = await fetch(`${url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    return status === 200 ? 'taken' : status === 400 || status === 422 ? 'refused' : String(status);
  };
  const outcomes: [string, string, string][] = [];
  for (const body of bodies) outcomes.push([body, await outcome(alertmanager, body), await outcome(notifier, body)]);
  expect(outcomes.filter(([, expected]) => expected === 'taken').length).toBeGreaterThan(50);
  expect(outcomes.filter(([, expected]) => expected === 'refused').length).toBeGreaterThan(50);
  expect(outcomes.filter(([, expected, actual]) => expected !== actual)).toEqual([]);
}

itWithTools(['alertmanager'])('takes or leaves out 300 random posted alerts as Alertmanager does: names, nulls, empty values, times', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const random = seededRandom(2);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const hour = 3_600_000;
  const times = [new Date(Date.now() + hour).toISOString(), new Date(Date.now() - hour).toISOString(), '2024-05-01T12:00:00.123456789+02:00', '0001-01-01T00:00:00Z', null, '', 'yesterday', '2024-05-01', '2024-05-01T12:00:00', '2024-05-01T12:00', '2024-05-01 12:00:00', '2024-05-01T12:00:00z', '2024-05-01t12:00:00Z', '2024-05-01T12:00:00+24:00', '2024-05-01T12:00:00+0200', '2024-05-01T12:00:00.123+0200', '2024-02-30T12:00:00Z', 5];
  const names = ['alertname', 'a', '_x', '1x', 'a-b', 'a:b', '', '__name__', 'é'];
  const values = ['x', '', ' ', 'é', '\ud800', 5, null, 'a"b'];
  const bodies: string[] = [];
  for (let i = 0; i < 300; i++) {
    const labels: Record<string, unknown> = random() < 0.8 ? { alertname: `Random${i}` } : {};
    for (let j = Math.floor(random() * 3); j > 0; j--) labels[pick(names)] = pick(values);
    const alert: Record<string, unknown> = { labels: random() < 0.05 ? pick([[], 'x']) : labels };
    if (random() < 0.3) alert.annotations = { [pick(names)]: pick(values) };
    if (random() < 0.4) alert.startsAt = pick(times);
    if (random() < 0.4) alert.endsAt = pick(times);
    if (random() < 0.2) alert.generatorURL = pick(['http://prometheus/graph', '', null, 5]);
    bodies.push(JSON.stringify([alert]));
  }
  await expectSameOutcomes('/api/v2/alerts', bodies, alertmanager, notifier);
  // What each holds of them: the same alerts, labels and annotations.
  const held = async (url: string) =>
    (await get<GettableAlert[]>(`${url}/api/v2/alerts`)).map((a) => ({ fingerprint: a.fingerprint, labels: a.labels, annotations: a.annotations })).sort((a, b) => a.fingerprint.localeCompare(b.fingerprint));
  expect(await held(notifier)).toEqual(await held(alertmanager));
});

itWithTools(['alertmanager'])('takes or refuses 400 random silences as Alertmanager does: empty and null fields, times, matchers', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const random = seededRandom(3);
  // Mostly the first (valid) choice, so that many silences are taken and each field is varied.
  const pick = <T,>(items: readonly T[]): T => (random() < 0.85 ? items[0]! : items[Math.floor(random() * items.length)]!);
  const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const times = ['', '2024-05-01T12:00:00', null, 'x', 5, '2024-05-01T12:00:00z', at(1).replace('Z', '+00:00'), at(-1)];
  const matcher = () => ({
    ...(random() < 0.95 && { name: pick(['job', 'a:b', '1x', '', '__name__', 'é', null]) }),
    ...(random() < 0.95 && { value: pick(['api', '', '.*', '.+', 'a(?=b)', '(', null]) }),
    ...(random() < 0.9 && { isRegex: pick([true, false, null, 'true']) }),
    ...(random() < 0.5 && { isEqual: pick([true, false, null]) }),
  });
  const bodies: string[] = [];
  for (let i = 0; i < 400; i++) {
    const silence = {
      ...(random() < 0.95 && { matchers: random() < 0.05 ? pick([[], null, 'x']) : Array.from({ length: 1 + Math.floor(random() * 2) }, matcher) }),
      ...(random() < 0.9 && { startsAt: pick([at(0), ...times]) }),
      ...(random() < 0.9 && { endsAt: pick([at(1), at(0), ...times]) }),
      ...(random() < 0.9 && { createdBy: pick(['alice', '', null, 5]) }),
      ...(random() < 0.9 && { comment: pick(['maintenance', '', null, 5]) }),
      ...(random() < 0.1 && { id: pick(['', null, 'no-such-silence']) }),
    };
    bodies.push(JSON.stringify(silence));
  }
  await expectSameOutcomes('/api/v2/silences', bodies, alertmanager, notifier);
});

interface GettableSilence {
  matchers: { name: string; value: string; isRegex: boolean; isEqual: boolean }[];
  createdBy: string;
  startsAt: string;
  comment: string;
  status: { state: string };
}

/** Silences without their ids and times, in the order given. */
async function silences(url: string, query: string): Promise<unknown[]> {
  return (await get<GettableSilence[]>(`${url}/api/v2/silences${query}`)).map((s) => ({ matchers: s.matchers, comment: s.comment, state: s.status.state }));
}

itWithTools(['alertmanager'])('lists and filters silences as Alertmanager does: by equal matchers, active, pending, then expired', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const matcher = (name: string, op: '=' | '!=' | '=~' | '!~', value: string) => ({ name, value, isRegex: op.includes('~'), isEqual: !op.startsWith('!') });
  const created = [
    { matchers: [matcher('foo', '=', 'a')], startsAt: at(0), endsAt: at(90), comment: 'active, ends last' },
    { matchers: [matcher('foo', '!~', 'b.*'), matcher('bar', '!=', 'x')], startsAt: at(0), endsAt: at(60), comment: 'active, ends first' },
    { matchers: [matcher('foo', '=~', 'b.*')], startsAt: at(30), endsAt: at(120), comment: 'pending, starts last' },
    { matchers: [matcher('bar', '=', 'x')], startsAt: at(10), endsAt: at(120), comment: 'pending, starts first' },
    { matchers: [matcher('foo', '=', 'a'), matcher('bar', '=~', 'y|z')], startsAt: at(0), endsAt: at(100), comment: 'expired first' },
    { matchers: [matcher('baz', '=', 'q')], startsAt: at(0), endsAt: at(100), comment: 'expired last' },
  ];
  for (const url of [alertmanager, notifier]) {
    const ids: string[] = [];
    for (const silence of created) {
      const response = await fetch(`${url}/api/v2/silences`, { method: 'POST', body: JSON.stringify({ ...silence, createdBy: 'alice' }), headers: { 'content-type': 'application/json' } });
      expect(response.status, url).toBe(200);
      ids.push(((await response.json()) as { silenceID: string }).silenceID);
    }
    for (const id of ids.slice(4)) {
      expect((await fetch(`${url}/api/v2/silence/${id}`, { method: 'DELETE' })).status, url).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  const filters = ['foo="a"', 'foo=~"a"', 'foo=~"b.*"', 'foo!~"b.*"', 'foo=~"b.+"', 'bar!="x"', 'bar="x"', 'foo=~".*"', 'baz=""', 'foo="a",bar=~"y|z"'];
  for (const query of ['', ...filters.map((f) => f.split(',').map((part) => `filter=${encodeURIComponent(part)}`).join('&')).map((q) => `?${q}`)]) {
    expect(await silences(notifier, query), `GET /api/v2/silences${query}`).toEqual(await silences(alertmanager, query));
  }
  expect((await silences(alertmanager, '')).map((s) => (s as { comment: string }).comment)).toEqual(['active, ends first', 'active, ends last', 'pending, starts first', 'pending, starts last', 'expired last', 'expired first']);
});

itWithTools(['alertmanager'])('updates a silence as Alertmanager does: in place, or by expiring it and making a new one', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  const foo = (value: string) => [{ name: 'foo', value, isRegex: false, isEqual: true }];
  const outcomes = async (url: string) => {
    const post = async (body: object) => {
      const response = await fetch(`${url}/api/v2/silences`, { method: 'POST', body: JSON.stringify({ createdBy: 'alice', comment: 'maintenance', ...body }), headers: { 'content-type': 'application/json' } });
      expect(response.status, url).toBe(200);
      return ((await response.json()) as { silenceID: string }).silenceID;
    };
    const id = await post({ matchers: foo('a'), startsAt: at(0), endsAt: at(60) });
    // Updated as amtool does, from the silence as stored: a start given in the past was moved to
    // the instant it arrived, which may be the next second.
    const active = { matchers: foo('a'), startsAt: (await get<{ startsAt: string }>(`${url}/api/v2/silence/${id}`)).startsAt, endsAt: at(60) };
    const pendingId = await post({ matchers: foo('p'), startsAt: at(10), endsAt: at(60) });
    const updates = [
      (await post({ ...active, id, comment: 'longer', endsAt: at(120) })) === id,
      (await post({ ...active, id, matchers: foo('b') })) === id,
      (await post({ matchers: foo('p'), startsAt: at(20), endsAt: at(60), id: pendingId })) === pendingId,
      (await post({ matchers: foo('q'), startsAt: at(20), endsAt: at(60), id: pendingId })) === pendingId,
    ];
    return { updates, silences: await silences(url, '') };
  };
  const expected = await outcomes(alertmanager);
  expect(expected.updates).toEqual([true, false, true, false]);
  expect(await outcomes(notifier)).toEqual(expected);
});

itWithTools(['alertmanager', 'amtool'])('imports silences with amtool as Alertmanager does: one that started in the past starts now', async () => {
  const caseDir = await newCaseDir();
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(caseDir), startNotifier(caseDir)]);
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
  // As `amtool silence query -o json` wrote them yesterday: one begun hours ago, one still to begin.
  const exported = [
    { id: 'old-1', matchers: [{ name: 'foo', value: 'a', isRegex: false, isEqual: true }], startsAt: at(-180), endsAt: at(60), createdBy: 'alice', comment: 'begun', status: { state: 'active' } },
    { id: 'old-2', matchers: [{ name: 'foo', value: 'b', isRegex: false, isEqual: true }], startsAt: at(30), endsAt: at(90), createdBy: 'alice', comment: 'later', status: { state: 'pending' } },
  ];
  const file = `${caseDir}/silences.json`;
  await writeFile(file, JSON.stringify(exported));
  const imported = async (url: string) => {
    const before = Date.now();
    execFileSync('amtool', ['silence', 'import', `--alertmanager.url=${url}`, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const listed = await get<GettableSilence[]>(`${url}/api/v2/silences`);
    const started = (comment: string) => Date.parse(listed.find((s) => s.comment === comment)!.startsAt);
    return { silences: await silences(url, ''), begunStartsNow: started('begun') >= before - 1000, laterKeepsItsStart: started('later') === Date.parse(exported[1]!.startsAt) };
  };
  const expected = await imported(alertmanager);
  expect(expected).toMatchObject({ begunStartsNow: true, laterKeepsItsStart: true });
  expect(await imported(notifier)).toEqual(expected);
});
