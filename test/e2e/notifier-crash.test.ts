/**
 * `alertforge notifier` SIGKILLed again and again at moments nobody chose, while alerts keep
 * coming, groups keep coming due and escalating, and the receiver is up, slow or down: in the end
 * every group with an alert the API answered 200 for is told, every escalation reaches its last
 * step no sooner than its delay, and a message goes twice only when it may have been in flight at
 * a kill.
 */
import { expect, it } from 'vitest';
import { seededRandom } from '../support/seeded-random.ts';
import type { ReceivedPost } from './support/http-sink.ts';
import { startNotifierProcess, writeNotifierConfig, type NotifierProcess } from './support/notifier-process.ts';
import { notifierWorkspace } from './support/notifier-workspace.ts';

/** The receiver's state in each life of the notifier: messages are delivered, in flight, or held in the outbox at the kill. */
const RECEIVER: readonly ('up' | 'slow' | 'down')[] = ['up', 'slow', 'down', 'up', 'slow', 'up'];
const GROUP_WAIT_MS = 300;
const SECOND_STEP_MS = 2_000;
/** How slow the slow receiver is to answer. */
const SLOW_ANSWER_MS = 400;
/**
 * A message the sink got this long before a kill may have been in flight at it: answered late, or
 * answered and not yet recorded by the notifier. One got earlier and sent again is a duplicate.
 */
const IN_FLIGHT_WINDOW_MS = SLOW_ANSWER_MS + 1_100;

const workspace = notifierWorkspace('crash');

/** Kill delays from a fixed seed: the same moments on every run, spread over a life. */
function killDelays(seed: number, count: number, fromMs: number, toMs: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => fromMs + Math.floor(random() * (toMs - fromMs)));
}

interface Posted {
  readonly connector: string;
  readonly critical: boolean;
  readonly sentAt: number;
}

/** Whether a message the sink got at `at` may have been in flight at a kill: a post read just after the exit was sent before it. */
const inFlightAt = (kill: number, at: number) => at - kill < 250 && kill - at < IN_FLIGHT_WINDOW_MS;

const connectorOf = (post: ReceivedPost): string[] => (post.body.alerts as { labels: { connector: string } }[]).map((a) => a.labels.connector);

it('loses no group and no escalation step across SIGKILLs at any moment, and sends twice only what was in flight', async () => {
  const configFile = await writeNotifierConfig(workspace.dir, {
    receivers: [
      { name: 'team', channels: [{ type: 'webhook', url: `${workspace.sink.url}/team` }] },
      { name: 'oncall', channels: [{ type: 'webhook', url: `${workspace.sink.url}/oncall` }] },
    ],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: `${SECOND_STEP_MS}ms`, receivers: ['oncall'] }] }],
    route: {
      receiver: 'team',
      group_by: ['alertname', 'connector'],
      group_wait: `${GROUP_WAIT_MS}ms`,
      group_interval: '1h',
      repeat_interval: '4h',
      routes: [{ matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'page' }],
    },
  });
  const endsAt = new Date(Date.now() + 3_600_000).toISOString();
  const answered: Posted[] = [];
  const killedAt: number[] = [];
  let next = 0;

  /** Posts batches of alerts, each in a group of its own (every third critical), until the notifier dies. */
  const stream = async (notifier: NotifierProcess) => {
    while (notifier.process.running) {
      const batch = Array.from({ length: 10 }, () => ({ connector: `c${next}`, critical: next++ % 3 === 0 }));
      const sentAt = Date.now();
      const body = JSON.stringify(batch.map((a) => ({ labels: { alertname: 'Crash', connector: a.connector, severity: a.critical ? 'critical' : 'warning' }, endsAt })));
      const status = await fetch(`${notifier.url}/api/v2/alerts`, { method: 'POST', body, headers: { 'content-type': 'application/json' } }).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) answered.push(...batch.map((a) => ({ ...a, sentAt })));
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  };

  const delays = killDelays(7, RECEIVER.length, 150, 2_500);
  for (const [life, delay] of delays.entries()) {
    workspace.sink.recover();
    if (RECEIVER[life] === 'slow') workspace.sink.answerAfter(SLOW_ANSWER_MS);
    if (RECEIVER[life] === 'down') workspace.sink.fail({ status: 503 });
    // A port of its own each life: a port freed by the kill may meanwhile be another test's.
    const notifier = await startNotifierProcess(workspace.dir, configFile);
    const streaming = stream(notifier);
    await new Promise((resolve) => setTimeout(resolve, delay));
    await notifier.process.kill();
    killedAt.push(Date.now());
    await streaming;
  }
  workspace.sink.recover();
  await startNotifierProcess(workspace.dir, configFile);

  const critical = answered.filter((a) => a.critical);
  expect(answered.length).toBeGreaterThan(RECEIVER.length * 10);
  const told = (path: string, wanted: readonly Posted[]) => (posts: readonly ReceivedPost[]) => {
    const got = new Set(posts.filter((p) => p.path === path).flatMap(connectorOf));
    return wanted.every((a) => got.has(a.connector));
  };
  await workspace.sink.waitFor(`every answered group told (${answered.length})`, told('/team', answered), 30_000);
  await workspace.sink.waitFor(`every critical group's second step (${critical.length})`, told('/oncall', critical), 30_000);

  // Each step's message reaches its receiver once, but when it may have been in flight at a kill.
  const firstAt = new Map<string, number>();
  const twice: string[] = [];
  for (const post of workspace.sink.posts) {
    for (const connector of connectorOf(post)) {
      const key = `${post.path} ${connector}`;
      const first = firstAt.get(key);
      if (first === undefined) firstAt.set(key, post.at);
      else if (!killedAt.some((kill) => inFlightAt(kill, first))) twice.push(`${key}: first at ${first}, again at ${post.at}`);
    }
  }
  expect(twice, `kills at ${killedAt.join(', ')}`).toEqual([]);
  // And the kills did cut across deliveries: some groups were told well before one and not again.
  expect(answered.some((a) => killedAt.some((kill) => kill - firstAt.get(`/team ${a.connector}`)! > IN_FLIGHT_WINDOW_MS))).toBe(true);

  // The second step waits its delay from the escalation's start, restarts or not.
  const early = critical.filter((a) => firstAt.get(`/oncall ${a.connector}`)! < a.sentAt + GROUP_WAIT_MS + SECOND_STEP_MS);
  expect(early.map((a) => a.connector)).toEqual([]);
});
