/**
 * `alertforge notifier` as a process, driven the way operators drive an Alertmanager: amtool for
 * alerts and silences (with the API token from an http config file), SIGHUP to reload (an invalid
 * config refused, the running one kept), SIGKILL at any moment with the escalation resuming after
 * a restart and every alert answered kept, bad requests answered with a 4xx naming the field, and
 * alerts posted during a burst of groups coming due answered once the burst is flushed.
 */
import { execFile } from 'node:child_process';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, expect, it } from 'vitest';
import type { NotifierConfigInput } from '../../src/runtime/config/schema.ts';
import { runCli } from '../support/run-cli.ts';
import { findTool, itWithTools } from '../support/tools.ts';
import { errorMessage, freePort, notifierGroups, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { notifierWorkspace } from './support/notifier-workspace.ts';
import { startProcess, stopAllProcesses } from './support/process.ts';

const exec = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/alertforge.js');
const TOKEN = 'test-token-7f3a';

const workspace = notifierWorkspace('notifier');
afterEach(async () => {
  await stopAllProcesses();
  workspace.sink.posts.length = 0;
});

function escalating(steps: { after: string; receivers: string[] }[]): NotifierConfigInput {
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: `${workspace.sink.url}/${name}` }] });
  return {
    receivers: [hook('team'), hook('oncall')],
    escalation_policies: [{ name: 'page', steps }],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '1s', group_interval: '1s', routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'page' }] },
  };
}

/** Sends one request line (and headers) as it is (fetch would normalize the target), then `body`, then closes; resolves to the whole response. */
function rawRequest(url: string, requestLine: string, body = ''): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(`${requestLine}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n${body}`));
    let response = '';
    socket.on('data', (chunk) => (response += chunk)).on('end', () => resolve(response)).on('error', reject);
  });
}

async function post(url: string, body: string, headers: Record<string, string> = {}): Promise<{ status: number; error: string }> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: response.status, error: errorMessage(await response.json()) };
}

itWithTools(['amtool'])('amtool adds and queries alerts, adds, queries and expires silences, with the token where it writes', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'amtool-'));
  const notifier = await startNotifierProcess(caseDir, await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }])), {
    env: { ALERTFORGE_API_TOKEN: TOKEN },
    args: ['--ingest-requires-token'],
  });
  const httpConfig = join(caseDir, 'http.yml');
  await writeFile(httpConfig, `authorization:\n  credentials: ${TOKEN}\n`);
  const amtool = async (...args: string[]) => (await exec(findTool('amtool')!, [`--alertmanager.url=${notifier.url}`, ...args])).stdout;
  const authorized = (...args: string[]) => amtool(`--http.config.file=${httpConfig}`, ...args);

  // With --ingest-requires-token, posting alerts is a write like any other.
  await expect(amtool('alert', 'add', 'alertname=DiskFull', 'connector=crm')).rejects.toThrow(/401|authorization/i);
  await authorized('alert', 'add', 'alertname=DiskFull', 'connector=crm', 'severity=warning', '--annotation=summary=Disk of crm is full');
  await authorized('alert', 'add', 'alertname=DiskFull', 'connector=erp', 'severity=warning');
  const alerts = JSON.parse(await amtool('alert', 'query', '-o', 'json', 'connector=crm'));
  expect(alerts).toHaveLength(1);
  expect(alerts[0]).toMatchObject({ labels: { alertname: 'DiskFull', connector: 'crm' }, annotations: { summary: 'Disk of crm is full' }, status: { state: 'active' } });
  expect(await amtool('alert', 'query')).toMatch(/DiskFull[\s\S]*DiskFull/);

  // Silences are a write: without the token amtool is refused.
  await expect(amtool('silence', 'add', 'connector=crm', '--comment=maintenance')).rejects.toThrow(/401|authorization/i);
  const id = (await authorized('silence', 'add', 'connector=crm', '--comment=maintenance', '--duration=1h', '--author=alice')).trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(await authorized('silence', 'query')).toContain(id);
  const silenced = JSON.parse(await amtool('alert', 'query', '-o', 'json', '--silenced', 'connector=crm'));
  expect(silenced[0].status).toMatchObject({ state: 'suppressed', silencedBy: [id] });
  expect(JSON.parse(await amtool('alert', 'query', '-o', 'json')).map((a: any) => a.labels.connector)).toEqual(['erp']);

  // A refusal reaches the user in amtool's output: the v2 API answers its reason as Alertmanager does.
  await expect(authorized('silence', 'add', 'connector=""', '--comment=everything')).rejects.toThrow(/silence add.*matchers: at least one must not match the empty string/s);

  await authorized('silence', 'expire', id);
  expect(await authorized('silence', 'query')).not.toContain(id);
  expect(JSON.parse(await amtool('alert', 'query', '-o', 'json', 'connector=crm'))[0].status.state).toBe('active');

  // amtool reads the running routing from /api/v2/status, in Alertmanager's form: the escalation's step is a child route.
  expect(await amtool('config', 'routes')).toContain(
    ['└── default-route  receiver: team', '    └── {severity="critical"}  receiver: team', '        └── default-route  continue: true  receiver: team'].join('\n'),
  );
  expect((await amtool('config', 'routes', 'test', 'severity=critical', 'alertname=DiskFull')).trim()).toBe('team');
  expect((await amtool('config', 'routes', 'test', 'severity=warning', 'alertname=DiskFull')).trim()).toBe('team');
});

it('survives SIGKILL: the escalation resumes after a restart and nothing is sent twice', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'kill-'));
  const configFile = await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }, { after: '6s', receivers: ['oncall'] }]));
  const first = await startNotifierProcess(caseDir, configFile);
  const alert = JSON.stringify([{ labels: { alertname: 'SyncStalled', severity: 'critical', connector: 'crm' }, endsAt: new Date(Date.now() + 3_600_000).toISOString() }]);
  expect((await post(`${first.url}/api/v2/alerts`, alert)).status).toBe(200);
  await workspace.sink.waitFor('the first step', (posts) => posts.some((p) => p.path === '/team'), 10_000);
  // Killed once the delivery is recorded in the state file: a kill while it is in flight (sent,
  // its removal from the outbox not yet committed) may send it twice, by design.
  const recorded = () => {
    const state = new Database(join(caseDir, 'notifier.sqlite'), { readonly: true });
    try {
      const count = (table: string) => (state.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      return count('notification_log') > 0 && count('outbox') === 0;
    } finally {
      state.close();
    }
  };
  await expect.poll(recorded, { timeout: 5000 }).toBe(true);
  // A second notifier on the same state file would take the same steps, paging everyone twice: refused.
  const second = await exec(process.execPath, [CLI, 'notifier', '--config', configFile, '--listen', '127.0.0.1:0', '--state', join(caseDir, 'notifier.sqlite')]).catch((error: unknown) => error);
  expect(second).toMatchObject({ code: 1, stderr: expect.stringContaining(`the state file ${join(caseDir, 'notifier.sqlite')} is in use by another notifier`) });
  // Killed, the first lets go of the state file: the kernel drops its lock with the process.
  await first.process.kill();

  const restarted = await startNotifierProcess(caseDir, configFile);
  await workspace.sink.waitFor('the second step after the restart', (posts) => posts.some((p) => p.path === '/oncall'), 15_000);
  const firstAt = workspace.sink.to('/team')[0]!.at;
  // Counted from the first notification, not from the restart.
  expect(workspace.sink.to('/oncall')[0]!.at - firstAt).toBeGreaterThanOrEqual(5_500);
  expect(workspace.sink.to('/team')).toHaveLength(1);
  const groups = await notifierGroups(restarted.url);
  expect(groups[0]!.escalation!.told).toEqual(['team', 'oncall']);
});

it('refuses a state file it cannot use with one message naming it and what to do, no stack trace, and leaves it as it was', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'unusable-state-'));
  const configFile = await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }]));
  const start = (state: string) => exec(process.execPath, [CLI, 'notifier', '--config', configFile, '--listen', '127.0.0.1:0', '--state', state]).catch((error: unknown) => error as { code: number; stderr: string });
  const refused = (stderr: string) => {
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/SqliteError|^\s+at /m);
  };

  const garbage = join(caseDir, 'garbage.sqlite');
  await writeFile(garbage, 'garbage\n');
  const notADatabase = await start(garbage);
  expect(notADatabase).toMatchObject({ code: 1, stderr: expect.stringContaining(`alertforge notifier: the state file ${garbage} is not a SQLite database`) });
  expect(notADatabase.stderr).toMatch(/Restore it from a backup, or move it aside .* to start with empty state: the notifier then forgets its silences, acknowledgements/);
  refused(notADatabase.stderr);
  expect(await readFile(garbage, 'utf8')).toBe('garbage\n');

  const directory = join(caseDir, 'directory.sqlite');
  await mkdir(directory);
  const isDirectory = await start(directory);
  expect(isDirectory).toMatchObject({ code: 1, stderr: `alertforge notifier: the state file ${directory} is a directory, not a file. Give --state the path of a file (it is created if missing), or move the directory away.\n` });
  refused(isDirectory.stderr);
});

it('keeps every alert it answered 200 for when SIGKILLed right after, long before a snapshot', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'answered-'));
  const configFile = await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }]));
  const first = await startNotifierProcess(caseDir, configFile);
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  for (const connector of ['crm', 'erp', 'hr']) {
    const body = JSON.stringify([{ labels: { alertname: 'Answered', connector }, annotations: { summary: `${connector} answered` }, endsAt }]);
    expect((await post(`${first.url}/api/v2/alerts`, body)).status).toBe(200);
  }
  await first.process.kill();

  const restarted = await startNotifierProcess(caseDir, configFile);
  const held = (await (await fetch(`${restarted.url}/api/v2/alerts`)).json()) as { labels: Record<string, string>; annotations: Record<string, string> }[];
  expect(held.map((a) => [a.labels.connector, a.annotations.summary]).sort()).toEqual([
    ['crm', 'crm answered'],
    ['erp', 'erp answered'],
    ['hr', 'hr answered'],
  ]);
});

it('keeps every silence, expiry and acknowledgement it answered 200 for when SIGKILLed right after', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'writes-'));
  const configFile = await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }, { after: '1h', receivers: ['oncall'] }]));
  // Each write is killed the moment its answer is read, and checked after a restart.
  let notifier = await startNotifierProcess(caseDir, configFile);
  const killedRightAfter = async (write: (url: string) => Promise<Response>) => {
    const response = await write(notifier.url);
    expect(response.status, await response.clone().text()).toBe(200);
    await notifier.process.kill();
    notifier = await startNotifierProcess(caseDir, configFile);
    return response;
  };
  const json = { 'content-type': 'application/json' };
  const silence = (value: string) => JSON.stringify({ matchers: [{ name: 'connector', value, isRegex: false }], startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), createdBy: 'alice', comment: 'maintenance' });
  const listed = async () => ((await (await fetch(`${notifier.url}/api/v2/silences`)).json()) as { id: string; status: { state: string } }[]).map((s) => [s.id, s.status.state]);

  const added = (await (await killedRightAfter((url) => fetch(`${url}/api/v2/silences`, { method: 'POST', body: silence('crm'), headers: json }))).json()) as { silenceID: string };
  expect(await listed()).toEqual([[added.silenceID, 'active']]);
  await killedRightAfter((url) => fetch(`${url}/api/v2/silence/${added.silenceID}`, { method: 'DELETE' }));
  expect(await listed()).toEqual([[added.silenceID, 'expired']]);

  expect((await post(`${notifier.url}/api/v2/alerts`, JSON.stringify([{ labels: { alertname: 'Written', severity: 'critical' } }]))).status).toBe(200);
  await expect.poll(() => notifierGroups(notifier.url), { timeout: 10_000 }).toHaveLength(1);
  const [group] = await notifierGroups(notifier.url);
  await killedRightAfter((url) => fetch(`${url}/api/v1/groups/${group!.id}/ack`, { method: 'POST', body: JSON.stringify({ by: 'alice' }), headers: json }));
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toMatchObject({ by: 'alice' });
});

it('answers every alert posted while a burst of groups is flushed, and delivers every group', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'burst-'));
  const GROUPS = 2000;
  const configFile = await writeNotifierConfig(caseDir, {
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${workspace.sink.url}/team` }] }],
    route: { receiver: 'team', group_by: ['alertname', 'connector'], group_wait: '1s', group_interval: '1h' },
  });
  const notifier = await startNotifierProcess(caseDir, configFile);
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const alerts = (from: number, to: number, instance: string) =>
    JSON.stringify(Array.from({ length: to - from }, (_, i) => ({ labels: { alertname: 'Burst', connector: `c${from + i}`, instance }, endsAt })));
  const statuses: number[] = [];
  for (let from = 0; from < GROUPS; from += 100) statuses.push((await post(`${notifier.url}/api/v2/alerts`, alerts(from, from + 100, 'first'))).status);

  // More alerts for the same groups, one request after another, until every group has been told:
  // some arrive while the groups that came due are flushed, and wait for it.
  const allTold = workspace.sink.waitFor(`${GROUPS} groups`, (posts) => new Set(posts.map((p) => p.body.groupKey)).size === GROUPS);
  let told = false;
  void allTold.then(() => (told = true), () => (told = true));
  for (let round = 0; !told; round++) {
    statuses.push((await post(`${notifier.url}/api/v2/alerts`, alerts((round * 10) % GROUPS, ((round * 10) % GROUPS) + 10, `later-${round}`))).status);
  }
  await allTold;
  expect(statuses.filter((s) => s !== 200)).toEqual([]);
  const metrics = await (await fetch(`${notifier.url}/metrics`)).text();
  expect(Number(/^alertforge_notifier_ingest_flush_wait_seconds_count (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(0);
});

it('reloads on SIGHUP, refuses an invalid config and keeps running the old one', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'reload-'));
  const configFile = await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }]));
  // The token as a mounted secret file gives it, with a newline no client sends.
  const notifier = await startNotifierProcess(caseDir, configFile, { env: { ALERTFORGE_API_TOKEN: `${TOKEN}\n` } });
  await writeFile(configFile, 'route:\n  receiver: nobody\nreceivers: []\n');
  notifier.process.child.kill('SIGHUP');
  await expect.poll(() => notifier.process.log, { timeout: 5000 }).toMatch(/config reload refused[\s\S]*no receiver named "nobody"/);
  const metrics = await (await fetch(`${notifier.url}/metrics`)).text();
  expect(metrics).toMatch(/alertforge_notifier_config_last_reload_successful 0/);

  // Still routing by the old config.
  await post(`${notifier.url}/api/v2/alerts`, JSON.stringify([{ labels: { alertname: 'StillRouted' } }]));
  await workspace.sink.waitFor('a notification by the running config', (posts) => posts.some((p) => p.body.groupLabels.alertname === 'StillRouted'), 10_000);

  expect((await post(`${notifier.url}/-/reload`, '')).status).toBe(401);
  const refused = await post(`${notifier.url}/-/reload`, '', { authorization: `Bearer ${TOKEN}` });
  expect(refused).toMatchObject({ status: 400, error: expect.stringContaining('no receiver named "nobody"') });
  expect(notifier.process.log).not.toContain(TOKEN);

  // Set but empty is a secret that did not arrive, not a wish for open endpoints.
  const empty = await runCli(['notifier', '--config', configFile, '--state', join(caseDir, 'other.sqlite')], caseDir, { ALERTFORGE_API_TOKEN: ' \n' });
  expect(empty).toMatchObject({ code: 2, stderr: expect.stringContaining('ALERTFORGE_API_TOKEN is set but empty (a secret not mounted?)') });
});

it('answers bad requests with a 4xx naming the field, and keeps serving', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'bad-'));
  const notifier = await startNotifierProcess(caseDir, await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }])));
  const alerts = `${notifier.url}/api/v2/alerts`;
  expect(await post(alerts, '{not json')).toMatchObject({ status: 400, error: expect.stringMatching(/^body: not JSON/) });
  expect(await post(alerts, '{"labels":{}}')).toMatchObject({ status: 400, error: expect.stringMatching(/^body: /) });
  expect(await post(alerts, '[{"labels":{}}]')).toMatchObject({ status: 400, error: '[0].labels: at least one label is required' });
  expect(await post(alerts, '[{"labels":{"1x":"a"}}]')).toMatchObject({ status: 400, error: '[0].labels.1x: a label name such as alertname' });
  expect(await post(alerts, '[{"labels":{"a":1}}]')).toMatchObject({ status: 400, error: expect.stringMatching(/^\[0\]\.labels\.a: /) });
  expect(await post(alerts, '[{"labels":{"a":"b"},"startsAt":"yesterday"}]')).toMatchObject({ status: 400, error: expect.stringMatching(/^\[0\]\.startsAt: /) });
  expect(await post(alerts, '[{"labels":{"a":"b"},"endsAt":"2024"}]')).toMatchObject({ status: 400, error: expect.stringMatching(/^\[0\]\.endsAt: an RFC 3339 time/) });
  const silence = (fields: object) => JSON.stringify({ matchers: [{ name: 'a', value: 'b', isRegex: false }], startsAt: '2024-05-01T00:00:00Z', endsAt: '2099-01-01T00:00:00Z', createdBy: 'alice', comment: 'maintenance', ...fields });
  expect(await post(`${notifier.url}/api/v2/silences`, silence({ endsAt: '2099' }))).toMatchObject({ status: 400, error: expect.stringMatching(/^endsAt: an RFC 3339 time/) });
  // A silence whose matchers all match a missing label would mute every alert: refused, as Alertmanager refuses it.
  const muteAll = 'matchers: at least one must not match the empty string, or the silence would mute every alert';
  expect(await post(`${notifier.url}/api/v2/silences`, silence({ matchers: [{ name: 'team', value: '', isRegex: false }] }))).toMatchObject({ status: 400, error: muteAll });
  expect(await post(`${notifier.url}/api/v2/silences`, silence({ matchers: [{ name: 'team', value: '.*', isRegex: true }] }))).toMatchObject({ status: 400, error: muteAll });
  expect(await post(`${notifier.url}/api/v2/silences`, silence({ matchers: [{ name: '1x', value: 'a', isRegex: false }] }))).toMatchObject({ status: 400, error: 'matchers[0].name: a label name such as alertname' });
  // Regexes are Alertmanager's RE2: a lookahead is refused in Go's words; a pattern that
  // backtracks for ever in JavaScript is matched in linear time, and the API keeps answering.
  const regexSilence = (value: string) => silence({ matchers: [{ name: 'instance', value, isRegex: true }] });
  expect(await post(`${notifier.url}/api/v2/silences`, regexSilence('db(?!-test)'))).toMatchObject({ status: 400, error: 'matchers: not a regular expression: "db(?!-test)" (error parsing regexp: invalid or unsupported Perl syntax: `(?!`)' });
  expect((await post(`${notifier.url}/api/v2/silences`, regexSilence('(a+)+$'))).status).toBe(200);
  expect((await post(alerts, JSON.stringify([{ labels: { alertname: 'Backtracking', instance: `${'a'.repeat(40)}!` } }]))).status).toBe(200);
  const found = await fetch(`${alerts}?filter=${encodeURIComponent('alertname=~"(?i)BACKTRACKING"')}`);
  expect(((await found.json()) as { status: { state: string } }[]).map((a) => a.status.state)).toEqual(['active']);
  // As Alertmanager does, the alerts of a request that have no problem are taken in all the same.
  const invalidAlerts = async () => Number(/^alertforge_notifier_alerts_invalid_total (\d+)$/m.exec(await (await fetch(`${notifier.url}/metrics`)).text())![1]);
  const invalidBefore = await invalidAlerts();
  const partly = JSON.stringify([{ labels: { alertname: 'Kept' } }, { labels: { alertname: 'Left', '1x': 'a' } }]);
  expect(await post(alerts, partly)).toMatchObject({ status: 400, error: '[1].labels.1x: a label name such as alertname; the other 1 alert(s) were taken in' });
  const held = ((await (await fetch(alerts)).json()) as { labels: { alertname: string } }[]).map((a) => a.labels.alertname);
  expect([held.includes('Kept'), held.includes('Left')]).toEqual([true, false]);
  expect(await invalidAlerts()).toBe(invalidBefore + 1);
  const tooMany = JSON.stringify(Array.from({ length: 10_001 }, (_, i) => ({ labels: { alertname: `A${i}` } })));
  expect(await post(alerts, tooMany)).toMatchObject({ status: 400, error: expect.stringContaining('at most 10000 alerts') });
  expect((await post(alerts, `[{"labels":{"a":"${'x'.repeat(5 * 1024 * 1024)}"}}]`)).status).toBe(413);
  // Chunked, with no length declared: refused once it has read past the limit.
  const chunks = Array.from({ length: 5 }, () => new TextEncoder().encode('x'.repeat(1024 * 1024)));
  const chunked = new ReadableStream({ pull: (c) => (chunks.length > 0 ? c.enqueue(chunks.shift()!) : c.close()) });
  expect((await fetch(alerts, { method: 'POST', body: chunked, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit)).status).toBe(413);
  // Only what says it is JSON, as Alertmanager takes it: a web page can make a browser post
  // text/plain or a form anywhere, and would otherwise page or silence through the notifier.
  const crossSite = { 'content-type': 'text/plain', origin: 'https://elsewhere.example' };
  expect(await post(alerts, JSON.stringify([{ labels: { alertname: 'FromAWebPage' } }]), crossSite)).toMatchObject({ status: 415, error: 'Content-Type: "text/plain"; only application/json is taken' });
  expect(await post(`${notifier.url}/api/v2/silences`, silence({}), { 'content-type': 'application/x-www-form-urlencoded' })).toMatchObject({ status: 415 });
  expect((await fetch(alerts, { method: 'POST', body: new Blob(['[{"labels":{"alertname":"FromAWebPage"}}]']) })).status).toBe(415);
  expect(((await (await fetch(alerts)).json()) as { labels: { alertname: string } }[]).map((a) => a.labels.alertname)).not.toContain('FromAWebPage');
  expect((await fetch(`${notifier.url}/api/v1/groups/nope/ack?expires=9999999999&signature=forged`, { method: 'POST' })).status).toBe(403);
  expect((await fetch(`${notifier.url}/api/v2/alerts?filter=${encodeURIComponent('alertname=~"("')}`)).status).toBe(400);
  // `//` stopped the process: the URL parser refused it. A path is read as a path, not a host.
  expect(await rawRequest(notifier.url, 'GET // HTTP/1.1')).toMatch(/^HTTP\/1\.1 404 .*no endpoint \/\//s);
  expect(await rawRequest(notifier.url, 'GET //notifier.example/-/healthy HTTP/1.1')).toMatch(/^HTTP\/1\.1 404 /);
  expect(await rawRequest(notifier.url, 'GET http://[/-/healthy HTTP/1.1')).toMatch(/^HTTP\/1\.1 400 .*path: not a valid request target/s);
  // A client gone before its body arrived is its own doing: a 400, not an internal error in the log.
  const cutShort = await rawRequest(notifier.url, 'POST /api/v2/alerts HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1000', '[{"labels":{"a":"b"}');
  expect(['', 'HTTP/1.1 400']).toContain(cutShort.slice(0, 12));
  expect((await fetch(`${notifier.url}/-/healthy`)).status).toBe(200);
  // Load balancers and uptime checks ask with HEAD, as Alertmanager answers them.
  expect((await fetch(`${notifier.url}/-/healthy`, { method: 'HEAD' })).status).toBe(200);
  expect((await fetch(`${notifier.url}/-/ready`, { method: 'HEAD' })).status).toBe(200);
  expect(notifier.process.log).not.toMatch(/internal error/);
  expect(notifier.process.running).toBe(true);
});

it('the development preset delivers to the console and a local file instead of sending', async () => {
  const caseDir = await mkdtemp(join(workspace.dir, 'development-'));
  const notifier = await startNotifierProcess(caseDir, await writeNotifierConfig(caseDir, escalating([{ after: '0s', receivers: ['team'] }])), { args: ['--preset', 'development'] });
  await post(`${notifier.url}/api/v2/alerts`, JSON.stringify([{ labels: { alertname: 'DevAlert' }, annotations: { summary: 'Tried locally' } }]));
  const file = join(caseDir, 'notifier-deliveries.jsonl');
  await expect.poll(() => readFile(file, 'utf8').catch(() => ''), { timeout: 10_000 }).toContain('DevAlert');
  const [line] = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
  expect(line).toMatchObject({ channel: 'webhook', receiver: 'team', title: '[FIRING:1] DevAlert: Tried locally' });
  expect(notifier.process.log).toContain('[FIRING:1] DevAlert: Tried locally');
  expect(workspace.sink.posts).toHaveLength(0);
});

it("run inside a project's subfolder, takes the project's generated config and keeps its state at the project's data/", async () => {
  const project = await mkdtemp(join(workspace.dir, 'project-'));
  await mkdir(join(project, 'rules'), { recursive: true });
  await mkdir(join(project, 'generated/notifier'), { recursive: true });
  await writeFile(join(project, 'package.json'), '{}');
  await writeNotifierConfig(join(project, 'generated/notifier'), escalating([{ after: '0s', receivers: ['team'] }]));
  const port = await freePort();
  await startProcess('notifier in rules/', process.execPath, { args: [CLI, 'notifier', '--listen', `127.0.0.1:${port}`], cwd: join(project, 'rules'), ready: new URL(`http://127.0.0.1:${port}/-/ready`) });
  await post(`http://127.0.0.1:${port}/api/v2/alerts`, JSON.stringify([{ labels: { alertname: 'FromSubfolder' } }]));
  await expect.poll(() => workspace.sink.posts.map((p) => p.body.groupLabels?.alertname), { timeout: 10_000 }).toContain('FromSubfolder');
  expect(existsSync(join(project, 'data/notifier.sqlite'))).toBe(true);
  expect(existsSync(join(project, 'rules/data'))).toBe(false);
});

