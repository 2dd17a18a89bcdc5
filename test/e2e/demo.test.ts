/**
 * `npm run demo`'s scenario, unattended, with real Prometheus (and the notifier, SMTP server and
 * Slack and webhook receivers once `alertforge notifier` exists): each step is asserted inside the
 * scenario with a bounded wait, its sequence here, and everything it started must be gone after.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { notifierAvailable, runDemo, SCENARIO, type DemoEvent } from '../../examples/demo/scenario.ts';
import { REPO_ROOT } from '../support/project-fixture.ts';
import { findTool, itWithTools } from '../support/tools.ts';

const itPrometheus = itWithTools(['prometheus']);
const STEP_TIMEOUT_MS = 40_000;

/** The http:// addresses of the programs the demo reported starting. */
function startedUrls(events: readonly DemoEvent[]): string[] {
  return events.flatMap((e) => (e.kind === 'step' && /^(Sync service|Prometheus|Notifier) on (http:\/\/\S+?),?(\s|$)/.exec(e.text)?.[2]) || []);
}

async function answers(url: string): Promise<boolean> {
  return fetch(url, { signal: AbortSignal.timeout(2000) }).then(() => true, () => false);
}

describe('the demo scenario', () => {
  const events: DemoEvent[] = [];
  let outcome: Error | undefined;

  beforeAll(async () => {
    if (!findTool('prometheus')) return;
    outcome = await runDemo({ root: REPO_ROOT, report: (e) => events.push(e), stepTimeoutMs: STEP_TIMEOUT_MS }).then(
      () => undefined,
      (error: Error) => error,
    );
  }, 150_000);

  itPrometheus('completes, with the alert pending, then firing, then resolved in Prometheus', () => {
    expect(outcome).toBeUndefined();
    const states = events.flatMap((e) => (e.kind === 'alert' && e.change.name === SCENARIO.alert && e.change.labels.connector === SCENARIO.connector ? [e.change.state] : []));
    expect(states).toEqual(['pending', 'firing', 'resolved']);
  });

  itPrometheus('stops every program it started', async () => {
    const urls = startedUrls(events);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(await answers(url), url).toBe(false);
  });

  // The notifier is part of this project (issue 5), not an installable tool: until its command
  // exists the demo runs without it, and this test says so.
  const itNotifier = notifierAvailable() ? itPrometheus : (name: string, fn: () => void) => it.skip(`${name} (skipped: \`alertforge notifier\` is not in this checkout yet)`, fn);
  itNotifier('delivers, escalates, is acknowledged through the signed link, and sends resolved messages', () => {
    expect(outcome).toBeUndefined();
    const kinds = events.map((e) => e.kind);
    const firstDelivery = kinds.indexOf('delivery');
    expect(firstDelivery).toBeGreaterThan(-1);
    expect(kinds.indexOf('escalation')).toBeGreaterThan(firstDelivery);
    expect(kinds.indexOf('acknowledged')).toBeGreaterThan(kinds.indexOf('escalation'));
    const deliveries = events.flatMap((e) => (e.kind === 'delivery' ? [e.delivery] : []));
    expect(new Set(deliveries.map((d) => d.channel)).size).toBeGreaterThanOrEqual(2);
    // The scenario waits for a resolved message to everyone told whose channel sends them.
    const resolvedAfterAck = events.slice(kinds.indexOf('acknowledged')).filter((e) => e.kind === 'delivery' && e.delivery.status === 'resolved');
    expect(resolvedAfterAck.length).toBeGreaterThan(0);
  });
});

describe('the demo, stopped half-way', () => {
  itPrometheus('rejects and stops everything it had started', async () => {
    const events: DemoEvent[] = [];
    const abort = new AbortController();
    const run = runDemo({
      root: REPO_ROOT,
      signal: abort.signal,
      stepTimeoutMs: STEP_TIMEOUT_MS,
      report: (e) => {
        events.push(e);
        if (e.kind === 'step' && e.text.startsWith('Prometheus on')) abort.abort(new Error('stopped by the test'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the test');
    const urls = startedUrls(events);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    for (const url of urls) expect(await answers(url), url).toBe(false);
  }, 60_000);
});

describe('npm run demo without Prometheus', () => {
  it('says how to install it, and starts nothing', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'examples/demo/main.ts')], {
      cwd: REPO_ROOT,
      env: { ...process.env, PATH: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('prometheus is not installed: run `apt-get install prometheus`');
    expect(run.stdout).toBe('');
  });
});
