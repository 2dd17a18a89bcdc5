/**
 * The whole path with real programs: Debian's Prometheus scrapes a small target whose metric
 * breaches a rule, fires, and sends to `alertforge notifier` as to an Alertmanager; the notifier
 * groups, escalates, is acknowledged through the signed link in a message, and tells everyone
 * told when Prometheus resolves the alert.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { stringify } from 'yaml';
import { findTool, itWithTools } from '../support/tools.ts';
import { HttpSink } from './support/http-sink.ts';
import type { GroupView } from '../../src/runtime/notifier.ts';
import { freePort, notifierGroups, startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';
import { startProcess, stopAllProcesses } from './support/process.ts';

let dir: string;
let sink: HttpSink;
let target: Server;
/** The value the target exports; above 10 the rule fires. */
let queueDepth = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertforge-e2e-prometheus-'));
  sink = await HttpSink.start();
  target = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`# TYPE sync_queue_depth gauge\nsync_queue_depth{connector="crm"} ${queueDepth}\n`);
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await stopAllProcesses();
  await sink?.close();
  await new Promise((resolve) => target?.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

afterEach(stopAllProcesses);

const run = itWithTools(['prometheus']);

/** Prometheus, evaluating `rules` every second, sending to the notifier on `notifierPort`. */
async function startPrometheus(caseDir: string, rules: object, notifierPort: number, args: readonly string[] = []) {
  await writeFile(join(caseDir, 'rules.yml'), stringify(rules));
  await writeFile(
    join(caseDir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(caseDir, 'rules.yml')],
      scrape_configs: [{ job_name: 'sync', static_configs: [{ targets: [`127.0.0.1:${(target.address() as AddressInfo).port}`] }] }],
      alerting: { alertmanagers: [{ api_version: 'v2', static_configs: [{ targets: [`127.0.0.1:${notifierPort}`] }] }] },
    }),
  );
  const port = await freePort();
  const process = await startProcess('prometheus', findTool('prometheus')!, {
    args: [`--config.file=${join(caseDir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(caseDir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`, ...args],
    ready: /Server is ready to receive web requests/,
  });
  return { process, port };
}

const QUEUE_RULES = { groups: [{ name: 'queue', interval: '1s', rules: [{ alert: 'QueueBacklog', expr: 'sync_queue_depth > 10', labels: { severity: 'critical' }, annotations: { summary: 'Queue of {{ $labels.connector }} is {{ $value }} deep' } }] }] };

run('Prometheus fires into the notifier: notified once, escalated, acknowledged by link, resolved to everyone told', async () => {
  const hook = (name: string) => ({ name, channels: [{ type: 'webhook' as const, url: `${sink.url}/${name}` }] });
  const configFile = await writeNotifierConfig(dir, {
    receivers: [hook('team'), hook('oncall'), hook('manager')],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: '4s', receivers: ['oncall'] }, { after: '10s', receivers: ['manager'] }] }],
    route: { escalation: 'page', group_by: ['alertname', 'connector'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
  });
  const notifier = await startNotifierProcess(dir, configFile);

  const { process: prometheus, port: prometheusPort } = await startPrometheus(dir, QUEUE_RULES, notifier.port);

  queueDepth = 50;
  await sink.waitFor('the first step', (posts) => posts.some((p) => p.path === '/team'), 30_000);
  const first = sink.to('/team')[0]!.body;
  expect(first).toMatchObject({ version: '4', status: 'firing', groupLabels: { alertname: 'QueueBacklog', connector: 'crm' }, commonAnnotations: { summary: 'Queue of crm is 50 deep' } });
  expect(first.alerts[0].generatorURL).toContain(`:${prometheusPort}/`);

  await sink.waitFor('the second step', (posts) => posts.some((p) => p.path === '/oncall'), 15_000);
  // Prometheus keeps re-sending the alert; the group was still told only once per step.
  expect(sink.to('/team')).toHaveLength(1);

  // Opened on a phone (or by a link preview) the link only asks; the tap on its button acknowledges.
  const page = await fetch(first.links.ack);
  expect(await page.text()).toMatch(/<form method="post"[\s\S]*Acknowledge/);
  expect((await notifierGroups(notifier.url))[0]!.acknowledged).toBeNull();
  const ack = await fetch(first.links.ack, { method: 'POST' });
  expect(ack.status).toBe(200);
  expect(((await ack.json()) as GroupView).acknowledged).toMatchObject({ by: 'signed link' });
  const groups = await notifierGroups(notifier.url);
  expect(groups[0]).toMatchObject({ escalationPolicy: 'page', escalation: { told: ['team', 'oncall'], nextStepAt: null }, acknowledged: { by: 'signed link' } });

  queueDepth = 0;
  // Seen once under a loaded CI run to time out: what the notifier held and both programs logged then says why.
  await sink.waitFor('resolved messages to team and oncall', (posts) => posts.filter((p) => p.body.status === 'resolved').length >= 2, 30_000).catch(async (error: Error) => {
    throw new Error(`${error.message}\ngroups: ${JSON.stringify(await notifierGroups(notifier.url))}\nnotifier log:\n${notifier.process.log}\nPrometheus log:\n${prometheus.log}`);
  });
  const resolved = sink.posts.filter((p) => p.body.status === 'resolved').map((p) => p.path).sort();
  expect(resolved).toEqual(['/oncall', '/team']);
  // The manager's step is due 10s after the first; the acknowledgement stopped it.
  const managerDue = sink.to('/team')[0]!.at + 11_000;
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, managerDue - Date.now())));
  expect(sink.to('/manager')).toHaveLength(0);
  const metrics = await (await fetch(`${notifier.url}/metrics`)).text();
  expect(metrics).toMatch(/alertforge_notifier_notifications_total\{receiver="team",channel="webhook",outcome="delivered"\} 2/);
  expect(metrics).toMatch(/alertforge_notifier_acknowledgements_total\{via="link"\} 1/);
});

run('a notifier down longer than the end Prometheus estimates tells no false all-clear, and pages nothing again when Prometheus re-sends', async () => {
  const caseDir = join(dir, 'down');
  await mkdir(caseDir);
  const configFile = await writeNotifierConfig(caseDir, {
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${sink.url}/down` }] }],
    route: { receiver: 'team', group_by: ['alertname', 'connector'], group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
  });
  const notifier = await startNotifierProcess(caseDir, configFile);
  // Re-sent every second, each time with an end 4 seconds ahead (4 times the resend delay).
  const prometheus = await startPrometheus(caseDir, QUEUE_RULES, notifier.port, ['--rules.alert.resend-delay=1s']);
  const told = () => sink.to('/down').map((p) => p.body.status);
  queueDepth = 50;
  await sink.waitFor('the alert', (posts) => posts.some((p) => p.path === '/down'), 30_000);
  // Delivered and in the state file: a message in flight at a kill may be told again.
  await expect.poll(async () => (await notifierGroups(notifier.url))[0]!.notified[0]?.delivered).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  // Prometheus held still so that nothing is re-sent before the restarted notifier's first flushes.
  prometheus.process.child.kill('SIGSTOP');
  await notifier.process.kill();
  await new Promise((resolve) => setTimeout(resolve, 6_000));
  const restarted = await startNotifierProcess(caseDir, configFile, { port: notifier.port });
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  expect(told()).toEqual(['firing']);
  expect((await notifierGroups(restarted.url))[0]!.alerts).toEqual([expect.objectContaining({ status: 'firing', awaitingResendUntil: expect.any(String) })]);

  prometheus.process.child.kill('SIGCONT');
  await expect.poll(async () => (await notifierGroups(restarted.url))[0]!.alerts[0], { timeout: 15_000 }).not.toHaveProperty('awaitingResendUntil');
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  expect(told()).toEqual(['firing']);

  queueDepth = 0;
  await sink.waitFor('the resolution', (posts) => posts.some((p) => p.path === '/down' && p.body.status === 'resolved'), 30_000);
  expect(told()).toEqual(['firing', 'resolved']);
});
