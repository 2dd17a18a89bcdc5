/**
 * The example sync service as a real process: it exports the catalog's metrics, and its controls
 * move them the way the alerts expect (errors, conflicts by strategy, backlog, latency).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as catalog from '../../rules/metrics.ts';
import { Processes } from '../../examples/demo/processes.ts';
import { REPO_ROOT } from '../support/project-fixture.ts';

const logs = mkdtempSync(join(tmpdir(), 'alertforge-sync-service-'));
const processes = new Processes(logs);
let base = '';

beforeAll(async () => {
  const { match } = await processes.start('sync-service', process.execPath, {
    args: ['--import', 'tsx', join(REPO_ROOT, 'examples/sync-service/main.ts'), '--listen', '127.0.0.1:0'],
    ready: /listening on (http:\/\/\S+)/,
    timeoutMs: 20_000,
  });
  base = match[1]!;
});

afterAll(async () => {
  await processes.stopAll();
  rmSync(logs, { recursive: true, force: true });
});

afterEach(async () => {
  for (const connector of ['crm', 'billing']) await fetch(`${base}/connectors/${connector}/faults`, { method: 'DELETE' });
});

async function metrics(): Promise<string> {
  return (await fetch(`${base}/metrics`)).text();
}

/** The value of one series, 0 when it is not exported (yet). */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function eventually(check: (text: string) => boolean, timeoutMs = 5000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await metrics();
    if (check(text)) return text;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs}ms; metrics:\n${text.split('\n').filter((l) => l.startsWith('sync_')).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function inject(connector: string, faults: object): Promise<Response> {
  return fetch(`${base}/connectors/${connector}/faults`, { method: 'PUT', body: JSON.stringify(faults) });
}

describe('examples/sync-service', () => {
  it('exports every metric of the catalog that is its own, with the catalog help, and process metrics', async () => {
    const text = await eventually((t) => value(t, 'sync_operations_total{connector="crm",operation="write",status="ok"}') > 0);
    const own = Object.values(catalog).filter((m) => m.external === undefined);
    for (const metric of own) expect(text).toContain(`# HELP ${metric.name} ${metric.help}\n# TYPE ${metric.name} ${metric.type}`);
    expect(text).not.toContain('node_cpu_seconds_total');
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts injected errors by type against the faulty connector only', async () => {
    expect((await inject('crm', { errorRate: 1, errorType: 'auth' })).status).toBe(200);
    const text = await eventually((t) => value(t, 'sync_errors_total{connector="crm",error_type="auth"}') >= 5);
    // Each failed operation counts once as status="error" and once by its type.
    const failed = ['read', 'write'].reduce((n, op) => n + value(text, `sync_operations_total{connector="crm",operation="${op}",status="error"}`), 0);
    expect(failed).toBe(value(text, 'sync_errors_total{connector="crm",error_type="auth"}'));
    expect(value(text, 'sync_errors_total{connector="billing",error_type="auth"}')).toBe(0);
  });

  it('resolves conflicts at once with last_writer_wins, and holds them for a person with manual', async () => {
    await inject('crm', { conflictRate: 1 });
    await inject('billing', { conflictRate: 1 });
    await eventually((t) => value(t, 'sync_conflicts_resolved_total{connector="crm",strategy="last_writer_wins"}') > 0);
    await eventually((t) => value(t, 'sync_conflicts_unresolved{connector="billing"}') > 0);
    await inject('billing', { conflictRate: 0 });
    // Records changed at both ends before that, queued or in a running batch, would conflict after the resolve.
    await eventually((t) => value(t, 'sync_queue_depth{connector="billing"}') === 0 && value(t, 'sync_jobs_active{connector="billing"}') === 0);
    const resolved = (await (await fetch(`${base}/connectors/billing/conflicts/resolve`, { method: 'POST' })).json()) as { resolved: number };
    expect(resolved.resolved).toBeGreaterThan(0);
    const text = await eventually((t) => value(t, 'sync_conflicts_unresolved{connector="billing"}') === 0);
    expect(value(text, 'sync_conflicts_resolved_total{connector="billing",strategy="manual"}')).toBeGreaterThanOrEqual(resolved.resolved);
  });

  it('grows the queue under a backlog, and slows operations under injected latency', async () => {
    await inject('billing', { backlogPerSecond: 2000 });
    const first = value(await eventually((t) => value(t, 'sync_queue_depth{connector="billing"}') > 100), 'sync_queue_depth{connector="billing"}');
    await eventually((t) => value(t, 'sync_queue_depth{connector="billing"}') > first);
    await inject('crm', { latencyMs: 200 });
    // Normal writes take milliseconds: slow ones are the injected latency, seen in the buckets.
    const slow = (t: string) =>
      value(t, 'sync_operation_duration_seconds_bucket{le="+Inf",connector="crm",operation="write"}') -
      value(t, 'sync_operation_duration_seconds_bucket{le="0.1",connector="crm",operation="write"}');
    await eventually((t) => slow(t) >= 3);
  });

  it('refuses bad control input with a 4xx naming the field', async () => {
    const bad = await inject('crm', { errorRate: 2 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain('errorRate');
    expect((await inject('crm', { nosuch: 1 })).status).toBe(400);
    expect((await inject('nosuch', { errorRate: 1 })).status).toBe(404);
  });
});
