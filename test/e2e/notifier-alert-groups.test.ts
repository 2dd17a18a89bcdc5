/**
 * GET /api/v2/alerts/groups (which Grafana's Alertmanager data source and dashboards such as karma
 * read) and GET /api/v2/alerts (amtool alert query), answered as Debian's Alertmanager answers
 * them: the same alerts posted to both, the same silence, the same queries, the same answers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { findTool, itWithTools } from '../support/tools.ts';
import { freePort, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { startProcess, stopAllProcesses } from './support/process.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertforge-e2e-alert-groups-'));
});
afterEach(() => stopAllProcesses());
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Nothing is sent while the test runs: the groups wait an hour. */
const HOOK = 'http://127.0.0.1:9/hook';

async function startAlertmanager(): Promise<string> {
  const port = await freePort();
  const config = join(dir, 'alertmanager.yml');
  await writeFile(
    config,
    [
      'route: {receiver: team, group_by: [alertname], group_wait: 1h, routes: [{matchers: [severity="critical"], receiver: oncall}]}',
      'receivers:',
      `- {name: team, webhook_configs: [{url: "${HOOK}"}]}`,
      `- {name: oncall, webhook_configs: [{url: "${HOOK}"}]}`,
      'inhibit_rules: [{source_matchers: [severity="critical"], target_matchers: [severity="warning"], equal: [connector]}]',
    ].join('\n'),
  );
  const url = `http://127.0.0.1:${port}`;
  await startProcess('alertmanager', findTool('alertmanager')!, {
    args: [`--config.file=${config}`, `--storage.path=${join(dir, 'alertmanager-data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    ready: new URL(`${url}/-/ready`),
  });
  return url;
}

async function startNotifier(): Promise<string> {
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: HOOK }] });
  const config = await writeNotifierConfig(dir, {
    receivers: [hook('team'), hook('oncall')],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '1h', routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], receiver: 'oncall' }] },
    inhibit_rules: [{ source_matchers: [{ label: 'severity', op: '=', value: 'critical' }], target_matchers: [{ label: 'severity', op: '=', value: 'warning' }], equal: ['connector'] }],
  });
  return (await startNotifierProcess(dir, config)).url;
}

async function send(url: string, path: string, body: unknown, status = 200): Promise<void> {
  const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  expect(response.status, `${url}${path}: ${await response.clone().text()}`).toBe(status);
}

interface GettableAlert {
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

const byJson = <T,>(key: (x: T) => unknown) => (a: T, b: T) => JSON.stringify(key(a)).localeCompare(JSON.stringify(key(b)));

/** Alerts without what differs by design (silence ids, times, fingerprints), in one order. */
const comparable = (alerts: GettableAlert[]) =>
  alerts
    .map((a) => ({ labels: a.labels, annotations: a.annotations, state: a.status.state, silences: a.status.silencedBy.length, inhibitors: a.status.inhibitedBy.length, receivers: a.receivers.map((r) => r.name) }))
    .sort(byJson((a) => a.labels));

async function firingAlerts(url: string, query: string): Promise<unknown[]> {
  return comparable(await get<GettableAlert[]>(`${url}/api/v2/alerts${query}`));
}

async function alertGroups(url: string, query: string): Promise<{ labels: Record<string, string>; receiver: string; alerts: unknown[] }[]> {
  const groups = await get<AlertGroup[]>(`${url}/api/v2/alerts/groups${query}`);
  return groups.map((g) => ({ labels: g.labels, receiver: g.receiver.name, alerts: comparable(g.alerts) })).sort(byJson((g) => [g.labels, g.receiver]));
}

itWithTools(['alertmanager'])('answers GET /api/v2/alerts/groups and /api/v2/alerts as Alertmanager does, query by query', async () => {
  const [alertmanager, notifier] = await Promise.all([startAlertmanager(), startNotifier()]);
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const alerts = [
    { labels: { alertname: 'DiskFull', connector: 'crm', severity: 'warning' }, annotations: { summary: 'crm disk' }, endsAt },
    { labels: { alertname: 'DiskFull', connector: 'erp', severity: 'warning' }, endsAt },
    { labels: { alertname: 'SyncDown', connector: 'crm', severity: 'critical' }, endsAt },
    { labels: { alertname: 'SyncDown', connector: 'erp', severity: 'critical' }, endsAt },
    // An empty label is no label: this is the first alert again.
    { labels: { alertname: 'DiskFull', connector: 'crm', severity: 'warning', team: '' }, annotations: { summary: 'crm disk' }, endsAt },
  ];
  const silence = { matchers: [{ name: 'connector', value: 'erp', isRegex: false, isEqual: true }], startsAt: new Date().toISOString(), endsAt, createdBy: 'alice', comment: 'erp maintenance' };
  // A request with one alert each cannot take: both answer 400 and take in the rest.
  const mixed = [
    { labels: { alertname: 'Mixed', connector: 'crm', severity: 'warning' }, endsAt },
    { labels: { alertname: 'Mixed', '1x': 'a' }, endsAt },
    { labels: { alertname: 'Mixed', connector: 'erp' }, startsAt: endsAt, endsAt: new Date().toISOString() },
  ];
  for (const url of [alertmanager, notifier]) {
    await send(url, '/api/v2/alerts', alerts);
    await send(url, '/api/v2/alerts', mixed, 400);
    await send(url, '/api/v2/silences', silence);
    // Matching a missing label, it would mute every alert.
    await send(url, '/api/v2/silences', { ...silence, matchers: [{ name: 'team', value: '.*', isRegex: true, isEqual: true }] }, 400);
  }

  // DiskFull on crm is inhibited by SyncDown on crm; everything on erp is silenced.
  const queries = ['', '?silenced=false', '?inhibited=false', '?silenced=false&inhibited=false', '?active=false', '?receiver=oncall', '?receiver=on.*', `?filter=${encodeURIComponent('connector="crm"')}`, `?filter=${encodeURIComponent('alertname=~"(?i)disk.*"')}&silenced=false`];
  for (const query of queries) {
    expect(await alertGroups(notifier, query), `GET /api/v2/alerts/groups${query}`).toEqual(await alertGroups(alertmanager, query));
    expect(await firingAlerts(notifier, query), `GET /api/v2/alerts${query}`).toEqual(await firingAlerts(alertmanager, query));
  }
  // Not vacuous: the queries select different alerts and groups.
  expect((await alertGroups(alertmanager, '')).map((g) => g.labels.alertname)).toEqual(['DiskFull', 'Mixed', 'SyncDown']);
  expect((await firingAlerts(alertmanager, '')).length).toBe(5);
  expect(await firingAlerts(alertmanager, '?silenced=false&inhibited=false')).toEqual([expect.objectContaining({ labels: alerts[2]!.labels, state: 'active' })]);
  expect(await alertGroups(alertmanager, '?receiver=oncall')).toEqual([
    expect.objectContaining({ labels: { alertname: 'SyncDown' }, receiver: 'oncall' }),
  ]);
});
