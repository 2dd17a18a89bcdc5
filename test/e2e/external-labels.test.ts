/**
 * The external labels a project declares, with real programs: Debian's Prometheus runs the
 * generated prometheus.yml and rules, adds the labels to the alert it sends, and the notifier, on
 * the generated notifier.yaml, routes it by them where the build said it would.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { compile } from '../../src/compiler/build.ts';
import { writeGenerated } from '../../src/compiler/drift.ts';
import { PROMETHEUS_CONFIG_FILE } from '../../src/compiler/emit/prometheus-config.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../support/project-fixture.ts';
import { findTool, itWithTools } from '../support/tools.ts';
import { HttpSink } from './support/http-sink.ts';
import { freePort, startNotifierProcess } from './support/notifier-process.ts';
import { startProcess, stopAllProcesses } from './support/process.ts';

let sink: HttpSink;
let target: Server;
let project: ProjectFixture | undefined;

beforeAll(async () => {
  sink = await HttpSink.start();
  target = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end('# TYPE queue_depth gauge\nqueue_depth{connector="crm"} 50\n');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await stopAllProcesses();
  await sink?.close();
  await new Promise((resolve) => target?.close(resolve));
  project?.remove();
});

const run = itWithTools(['prometheus']);

run("Prometheus adds the declared external labels to the alert it sends, and the notifier routes it by them as ALERTS.md says", async () => {
  const notifierPort = await freePort();
  project = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'rules/prometheus.ts': `import { prometheusConfig } from 'alertforge';
export const prometheus = prometheusConfig({
  scrapeInterval: '1s',
  evaluationInterval: '1s',
  scrapeJobs: [{ name: 'app', targets: ['127.0.0.1:${(target.address() as AddressInfo).port}'] }],
  alertmanagers: ['127.0.0.1:${notifierPort}'],
  externalLabels: { cluster: 'eu-1' },
});`,
    'rules/queue.rules.ts': `import { alert, ruleGroup } from 'alertforge';
export const queue = ruleGroup({ name: 'queue', rules: [
  alert({ name: 'QueueDeep', expr: 'queue_depth > 10', for: '1s', severity: 'warning', summary: 'Queue of {{ $labels.connector }} is deep in {{ $externalLabels.cluster }}' }),
] });`,
    'rules/notify.ts': `import { notifyConfig, receiver, route, webhook } from 'alertforge';
const elsewhere = receiver({ name: 'elsewhere', channels: [webhook({ url: '${sink.url}/elsewhere' })] });
const eu = receiver({ name: 'eu', channels: [webhook({ url: '${sink.url}/eu' })] });
export const notify = notifyConfig({
  route: route({ receiver: elsewhere, groupBy: ['alertname'], groupWait: '1s', routes: [route({ match: { cluster: 'eu-1' }, receiver: eu })] }),
});`,
  });
  const result = await compile(project.root, { typecheck: false });
  expect(result.diagnostics.errors).toEqual([]);
  expect(result.diagnostics.warnings.filter((w) => w.message.includes('cluster'))).toEqual([]);
  expect(result.files.find((f) => f.path === 'generated/ALERTS.md')?.content).toContain('- Notifies: eu (webhook');
  await writeGenerated(project.root, result.files);

  await startNotifierProcess(project.root, join(project.root, 'generated/notifier/notifier.yaml'), { port: notifierPort });
  await startProcess('prometheus', findTool('prometheus')!, {
    args: [`--config.file=${join(project.root, PROMETHEUS_CONFIG_FILE)}`, `--storage.tsdb.path=${join(project.root, 'tsdb')}`, `--web.listen-address=127.0.0.1:${await freePort()}`],
    ready: /Server is ready to receive web requests/,
  });

  await sink.waitFor('the alert at the cluster route', (posts) => posts.some((p) => p.path === '/eu'), 30_000);
  const message = sink.to('/eu')[0]!.body;
  expect(message.alerts[0].labels).toEqual({ alertname: 'QueueDeep', connector: 'crm', instance: expect.any(String), job: 'app', severity: 'warning', cluster: 'eu-1' });
  expect(message.commonAnnotations.summary).toBe('Queue of crm is deep in eu-1');
  expect(sink.to('/elsewhere')).toEqual([]);
});
