/**
 * The demo: the whole loop with real programs. Builds the rules, starts the sync service, the
 * notifier, Prometheus (and node_exporter when installed) with short timings, an SMTP server and
 * Slack and webhook stand-ins; makes one connector fail; and follows the alert from pending to
 * firing, through each notification, an escalation step and an acknowledgement through the signed
 * link, to recovery and the resolved messages. Every wait is bounded; everything started is
 * stopped on every way out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile, succeeded } from '../../src/compiler/build.ts';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { NODE_JOB, NOTIFIER_JOB } from '../../rules/prometheus.ts';
import { SYNC_SERVICE_JOB } from '../../rules/availability.rules.ts';
import { DeliveryLog, type Delivery } from './deliveries.ts';
import { writeDemoNotifierConfig, DEMO_NOTIFIER_TIMINGS } from './demo-notifier.ts';
import { writeDemoPrometheus } from './demo-prometheus.ts';
import { EventLog } from './event-log.ts';
import { freePort } from './free-port.ts';
import { startHttpReceivers } from './http-receivers.ts';
import { watchPrometheusAlerts, type AlertChange } from './prometheus-alerts.ts';
import { waitForQuery } from './prometheus-query.ts';
import { fetchGroup, groupIdOfAckLink, groupViewSchema } from './notifier-groups.ts';
import { Processes } from './processes.ts';
import type { NotifierConfig } from '../../src/runtime/config/schema.ts';
import { findExecutable, installHint } from './required-tools.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';

/** The failure the demo injects, and the alert it must cause. */
export const SCENARIO = {
  connector: 'crm',
  faults: { errorRate: 0.5, errorType: 'timeout' },
  alert: 'SyncErrorRateHigh',
  /** A recording rule over the connector's operations: once it has values, Prometheus has a baseline. */
  baseline: 'connector_operation:sync_operations:rate5m{connector="crm"}',
} as const;

export type DemoEvent =
  | { readonly kind: 'step'; readonly text: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'alert'; readonly change: AlertChange }
  | { readonly kind: 'delivery'; readonly delivery: Delivery }
  | { readonly kind: 'escalation'; readonly receivers: readonly string[]; readonly told: readonly string[]; readonly nextStepAt: string | null }
  | { readonly kind: 'acknowledged'; readonly link: string; readonly by: string };

export interface DemoOptions {
  /** The project whose rules/ the demo builds. */
  readonly root: string;
  readonly report: (event: DemoEvent) => void;
  /** Aborting stops the demo at once (Ctrl-C); it still cleans up. */
  readonly signal?: AbortSignal;
  /** The longest any one step may take. Default 60s. */
  readonly stepTimeoutMs?: number;
}

/** A reason the demo cannot run here, with what to do about it. */
export class DemoUnavailable extends Error {}

export function notifierAvailable(): boolean {
  return COMMANDS.some((c) => c.name === 'notifier');
}

/** Rejects when `signal` aborts, so every wait ends on Ctrl-C. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const CLI = (root: string) => join(root, 'bin', 'alertforge.js');

export async function runDemo(options: DemoOptions): Promise<void> {
  const { root, report, signal } = options;
  const timeout = options.stepTimeoutMs ?? 60_000;
  const wait = <T>(promise: Promise<T>) => abortable(promise, signal);

  const prometheusBin = findExecutable('prometheus');
  if (!prometheusBin) throw new DemoUnavailable(`prometheus is not installed: run \`${installHint('prometheus')}\` (Debian) and try again`);
  const nodeExporterBin = findExecutable('prometheus-node-exporter');

  const dir = await mkdtemp(join(tmpdir(), 'alertforge-demo-'));
  const processes = new Processes(dir);
  const deliveries = new DeliveryLog();
  const alerts = new EventLog<AlertChange>((a) => `${a.name}:${a.state}`);
  const stops: (() => Promise<void> | void)[] = [];
  try {
    report({ kind: 'step', text: 'Building rules/ ...' });
    const build = await wait(compile(root));
    if (!succeeded(build)) {
      const errors = build.diagnostics.errors.map((e) => `  ${e.subject}: ${e.message}`).join('\n');
      throw new Error(`the build failed; run \`npm run build:rules\` to see why.${errors ? `\n${errors}` : ''}`);
    }
    report({ kind: 'step', text: `Built ${build.files.length} files.` });

    const smtp = await startSmtpReceiver(deliveries);
    stops.push(() => smtp.close());
    const receivers = await startHttpReceivers(deliveries);
    stops.push(() => receivers.close());
    deliveries.subscribe((delivery) => report({ kind: 'delivery', delivery }));
    report({ kind: 'step', text: `Local receivers: SMTP on 127.0.0.1:${smtp.port}, Slack and webhook on ${receivers.url}` });

    const service = await wait(
      processes.start('sync-service', process.execPath, {
        args: ['--import', 'tsx', join(root, 'examples/sync-service/main.ts'), '--listen', '127.0.0.1:0'],
        ready: /listening on http:\/\/(\S+)/,
        timeoutMs: timeout,
      }),
    );
    const serviceAddress = service.match[1]!;
    report({ kind: 'step', text: `Sync service on http://${serviceAddress}` });

    const targets: Record<string, string> = { [SYNC_SERVICE_JOB]: serviceAddress };
    if (nodeExporterBin) {
      const port = await freePort();
      await wait(processes.start('node-exporter', nodeExporterBin, { args: [`--web.listen-address=127.0.0.1:${port}`], ready: /Listening on/, timeoutMs: timeout }));
      targets[NODE_JOB] = `127.0.0.1:${port}`;
      report({ kind: 'step', text: `node_exporter on 127.0.0.1:${port}` });
    } else {
      report({ kind: 'note', text: `node_exporter is not installed, so host metrics are not scraped (\`${installHint('prometheus-node-exporter')}\`)` });
    }

    let notifier: string | undefined;
    let notifierConfig: NotifierConfig | undefined;
    if (notifierAvailable()) {
      const demoConfig = await writeDemoNotifierConfig({ dir, files: build.files, smtpPort: smtp.port, httpReceivers: receivers.url });
      notifierConfig = demoConfig.config;
      const port = await freePort();
      notifier = `127.0.0.1:${port}`;
      await wait(
        processes.start('notifier', process.execPath, {
          args: [CLI(root), 'notifier', '--config', demoConfig.file, '--listen', notifier, '--state', join(dir, 'notifier.sqlite'), '--external-url', `http://${notifier}`],
          env: demoConfig.env,
          ready: new URL(`http://${notifier}/-/ready`),
          timeoutMs: timeout,
        }),
      );
      targets[NOTIFIER_JOB] = notifier;
      report({ kind: 'step', text: `Notifier on http://${notifier}` });
    } else {
      report({ kind: 'note', text: '`alertforge notifier` is not available in this checkout yet: Prometheus fires its alerts, nothing delivers them' });
    }

    const prometheusPort = await freePort();
    const prometheus = `http://127.0.0.1:${prometheusPort}`;
    const configFile = await writeDemoPrometheus({ dir: join(dir, 'prometheus'), files: build.files, targets, notifier });
    await wait(
      processes.start('prometheus', prometheusBin, {
        args: [`--config.file=${configFile}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${prometheusPort}`],
        ready: /Server is ready to receive web requests/,
        timeoutMs: timeout,
      }),
    );
    report({ kind: 'step', text: `Prometheus on ${prometheus}, scraping every second; waiting for a baseline of healthy traffic ...` });
    await wait(waitForQuery(prometheus, SCENARIO.baseline, (v) => v.length > 0 && v.every((x) => x > 0), timeout));
    // Watched from here: before its first scrapes (about 5s after start) Prometheus sees no
    // sync service at all, which says nothing about the scenario.
    const watcher = watchPrometheusAlerts(prometheus, (change) => alerts.add(change));
    stops.push(() => watcher.stop());
    alerts.subscribe((change) => report({ kind: 'alert', change }));

    report({ kind: 'step', text: `Injecting faults into connector ${SCENARIO.connector}: ${JSON.stringify(SCENARIO.faults)}` });
    await controlFaults(serviceAddress, 'PUT', SCENARIO.faults);
    const isOurs = (a: AlertChange) => a.name === SCENARIO.alert && a.labels.connector === SCENARIO.connector;
    await wait(alerts.waitFor(`${SCENARIO.alert} pending`, (a) => isOurs(a) && a.state === 'pending', timeout));
    await wait(alerts.waitFor(`${SCENARIO.alert} firing`, (a) => isOurs(a) && a.state === 'firing', timeout));

    if (notifier) await followNotifications({ deliveries, report, wait, timeout, notifier });

    report({ kind: 'step', text: `Clearing the faults of ${SCENARIO.connector}; the error ratio falls as the 15s window passes ...` });
    await controlFaults(serviceAddress, 'DELETE');
    await wait(alerts.waitFor(`${SCENARIO.alert} resolved`, (a) => isOurs(a) && a.state === 'resolved', timeout));
    if (notifierConfig) {
      const told = new Set(deliveries.all.filter((d) => aboutScenario(d) && sendsResolved(notifierConfig, d)).map((d) => `${d.channel}/${d.receiver}`));
      for (const who of told) {
        await wait(deliveries.waitFor(`resolved message to ${who}`, (d) => aboutScenario(d) && d.status === 'resolved' && `${d.channel}/${d.receiver}` === who, timeout));
      }
    }
    report({
      kind: 'step',
      text: notifier ? 'Done: the alert fired, was delivered, escalated, acknowledged and resolved.' : 'Done: the alert fired and resolved in Prometheus; with the notifier it is also delivered.',
    });
  } finally {
    for (const stop of stops.reverse()) await stop();
    await processes.stopAll();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Whether the channel that made `delivery` also tells of the resolution. */
function sendsResolved(config: NotifierConfig, delivery: Delivery): boolean {
  const receiver = config.receivers.find((r) => r.name === delivery.receiver);
  return receiver?.channels.find((c) => c.type === delivery.channel)?.send_resolved ?? false;
}

/** A delivery about the scenario's alert (the notifier's own Watchdog and others aside). */
function aboutScenario(delivery: Delivery): boolean {
  return delivery.summary.includes(SCENARIO.connector) || delivery.summary.includes(SCENARIO.alert);
}

async function controlFaults(service: string, method: 'PUT' | 'DELETE', faults?: object): Promise<void> {
  const response = await fetch(`http://${service}/connectors/${SCENARIO.connector}/faults`, { method, body: faults && JSON.stringify(faults) });
  if (!response.ok) throw new Error(`the sync service refused the faults: ${response.status} ${await response.text()}`);
}

interface FollowContext {
  readonly deliveries: DeliveryLog;
  readonly report: DemoOptions['report'];
  readonly wait: <T>(promise: Promise<T>) => Promise<T>;
  readonly timeout: number;
  /** host:port of the notifier. */
  readonly notifier: string;
}

/**
 * The notifications of the firing alert: the first step's, the next step's after its delay, an
 * acknowledgement through the signed link in a message (the notifier's groups API confirms it and
 * that no next step is due), and no step after it.
 */
async function followNotifications({ deliveries, report, wait, timeout, notifier }: FollowContext): Promise<void> {
  const isFiring = (d: Delivery) => aboutScenario(d) && d.status === 'firing';
  const first = await wait(deliveries.waitFor(`notification of ${SCENARIO.alert}`, isFiring, timeout));
  // Everyone the first step tells is told at once; the next step comes a step delay later.
  await wait(new Promise((resolve) => setTimeout(resolve, DEMO_NOTIFIER_TIMINGS.escalationStepMs / 2)));
  const firstStep = new Set(deliveries.all.filter(isFiring).map((d) => d.receiver));
  const escalated = await wait(deliveries.waitFor('escalation to the next step', (d) => isFiring(d) && !firstStep.has(d.receiver), timeout));

  const link = deliveries.all.find((d) => aboutScenario(d) && d.ackLink)?.ackLink;
  if (!link) throw new Error(`no message about ${SCENARIO.alert} carried an acknowledge link (first: ${first.channel}/${first.receiver}: ${first.summary})`);
  const groupId = groupIdOfAckLink(link);
  const escalation = (await fetchGroup(notifier, groupId)).escalation;
  report({ kind: 'escalation', receivers: [escalated.receiver], told: escalation?.told ?? [], nextStepAt: escalation?.nextStepAt ?? null });

  // GET on the link answers with a confirmation page (so link previews do not acknowledge); its
  // form POSTs the same URL, as the demo does here.
  const response = await fetch(link, { method: 'POST' });
  if (!response.ok) throw new Error(`acknowledging through ${link} failed: ${response.status} ${await response.text()}`);
  const group = groupViewSchema.parse(await response.json());
  if (!group.acknowledged) throw new Error(`the notifier answered the acknowledgement of group ${group.id} but does not show it acknowledged`);
  if (group.escalation?.nextStepAt) throw new Error(`group ${group.id} is acknowledged but its next escalation step is still due at ${group.escalation.nextStepAt}`);
  report({ kind: 'acknowledged', link, by: group.acknowledged.by });

  // The group's own messages, by the acknowledge link each carries: another group (the SLO's page,
  // another alert on the connector) escalates on its own, as it should.
  const ofGroup = (d: Delivery) => d.status === 'firing' && d.ackLink !== undefined && groupIdOfAckLink(d.ackLink) === groupId;
  const told = new Set(deliveries.all.filter(ofGroup).map((d) => d.receiver));
  await wait(new Promise((resolve) => setTimeout(resolve, DEMO_NOTIFIER_TIMINGS.escalationStepMs * 1.5)));
  // A next step would tell someone new; updates to those already told are not escalation.
  const later = deliveries.all.filter((d) => ofGroup(d) && !told.has(d.receiver));
  if (later.length) throw new Error(`escalation went on after the acknowledgement: ${later.map((d) => `${d.channel}/${d.receiver}`).join(', ')}`);
  report({ kind: 'note', text: `No further escalation step of the acknowledged group in ${(DEMO_NOTIFIER_TIMINGS.escalationStepMs * 1.5) / 1000}s (other groups escalate on their own).` });
}
