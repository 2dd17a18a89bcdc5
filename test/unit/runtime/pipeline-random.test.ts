/**
 * The pipeline driven by random (seeded) sequences of what happens to a notifier: alerts firing,
 * re-sent and resolving, time passing, restarts, and reloads that change how alerts are grouped.
 * Whatever the order, what an on-call engineer relies on holds: an alert still firing has been
 * told; an alert told firing is told resolved once it resolves; nothing is told twice for no
 * reason; and once all has resolved and been told, no group and no message is left. (With
 * reloads, only the first and the last: see `run`.)
 */
import { afterEach, expect, it } from 'vitest';
import { notifierConfigSchema, type NotifierConfigInput } from '../../../src/runtime/config/schema.ts';
import { HttpSink, type ReceivedPost } from '../../e2e/support/http-sink.ts';
import { seededRandom } from '../../support/seeded-random.ts';
import { startNotifier, type NotifierFixture } from './notifier-fixture.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;
const GROUP_WAIT = 30 * SECOND;
const GROUP_INTERVAL = 5 * MINUTE;
const SEQUENCES = 8;
const STEPS = 80;

/** The alerts a sequence picks from: two rules, three connectors, two instances. */
const ALERTS = ['A', 'B'].flatMap((alertname) => ['crm', 'erp', 'hr'].flatMap((connector) => ['i1', 'i2'].map((instance) => ({ alertname, connector, instance }))));
const nameOf = (labels: { alertname: string; connector: string; instance: string }) => `${labels.alertname}/${labels.connector}/${labels.instance}`;

function config(sink: string, groupBy: string[]): NotifierConfigInput {
  return {
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${sink}/team` }] }],
    route: { receiver: 'team', group_by: groupBy, group_wait: '30s', group_interval: '5m', repeat_interval: '24h' },
  };
}

/** Each alert a message names, with the status it was told. */
const mentions = (post: ReceivedPost) => (post.body.alerts as { labels: typeof ALERTS[number]; status: string }[]).map((a) => ({ name: nameOf(a.labels), status: a.status }));

let sink: HttpSink | undefined;
let f: NotifierFixture | undefined;
afterEach(async () => {
  await f?.close();
  await sink?.close();
});

async function run(seed: number, reloads: boolean): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  sink = await HttpSink.start();
  const s = sink;
  const fixture = await startNotifier(config(s.url, ['alertname', 'connector']));
  f = fixture;
  const firing = new Set<string>();
  const fire = (labels: typeof ALERTS[number]) => ({ labels, endsAt: fixture.clock.now() + DAY });
  const history: string[] = [];

  for (let step = 0; step < STEPS; step++) {
    const roll = random();
    if (roll < 0.35) {
      const alerts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ALERTS));
      fixture.notifier.ingest(alerts.map(fire));
      for (const a of alerts) firing.add(nameOf(a));
      history.push(`fire ${alerts.map(nameOf).join(' ')}`);
    } else if (roll < 0.5 && firing.size > 0) {
      const name = pick([...firing]);
      fixture.notifier.ingest([{ labels: ALERTS.find((a) => nameOf(a) === name)!, endsAt: fixture.clock.now() }]);
      firing.delete(name);
      history.push(`resolve ${name}`);
    } else if (roll < 0.58) {
      await fixture.restart();
      history.push('restart');
    } else if (roll < 0.64 && reloads) {
      const groupBy = pick([['alertname', 'connector'], ['alertname'], ['connector', 'instance'], ['...']]);
      fixture.notifier.reload(notifierConfigSchema.parse(config(s.url, groupBy)));
      history.push(`reload group_by ${groupBy.join(',')}`);
    } else {
      const ms = pick([1 * SECOND, 10 * SECOND, GROUP_WAIT, 2 * MINUTE, GROUP_INTERVAL, 20 * MINUTE]);
      await fixture.after(ms);
      history.push(`after ${ms / SECOND}s`);
    }
  }
  const because = () => `seed ${seed}: ${history.join('; ')}`;

  // Long enough for every group to flush what it holds.
  for (let i = 0; i < 3; i++) await fixture.after(GROUP_INTERVAL);
  const told = new Set(s.posts.flatMap(mentions).filter((m) => m.status === 'firing').map((m) => m.name));
  expect([...firing].filter((name) => !told.has(name)), because()).toEqual([]);

  // Everything resolves: whoever was told an alert fires is told it resolved, last.
  fixture.notifier.ingest(ALERTS.filter((a) => firing.has(nameOf(a))).map((labels) => ({ labels, endsAt: fixture.clock.now() })));
  for (let i = 0; i < 3; i++) await fixture.after(GROUP_INTERVAL);
  const last = new Map<string, string>();
  for (const m of s.posts.flatMap(mentions)) last.set(m.name, m.status);
  if (!reloads) expect([...last].filter(([, status]) => status !== 'resolved').map(([name]) => name), because()).toEqual([]);
  expect(fixture.notifier.listGroups().map((g) => g.key), because()).toEqual([]);
  expect(fixture.notifier.listAlerts(), because()).toEqual([]);
  const depth = await fixture.notifier.metrics.registry.getSingleMetricAsString('alertforge_notifier_outbox_depth');
  expect(depth, because()).toMatch(/^alertforge_notifier_outbox_depth 0$/m);

  // Nothing told twice: a group's messages each say something its last did not. (A group a reload
  // ended starts afresh if a later reload brings it back, and tells its alerts again.)
  if (reloads) return;
  const byGroup = new Map<string, string[]>();
  for (const post of s.posts) {
    const said = JSON.stringify(mentions(post).sort((a, b) => a.name.localeCompare(b.name)));
    const before = byGroup.get(post.body.groupKey) ?? [];
    expect(before.at(-1), `${because()}: ${post.body.groupKey} told ${said} twice in a row`).not.toBe(said);
    byGroup.set(post.body.groupKey, [...before, said]);
  }
}

it('tells every alert still firing, tells every told alert resolved, repeats nothing, and leaves nothing behind, across restarts', async () => {
  for (let seed = 1; seed <= SEQUENCES; seed++) {
    await run(seed, false);
    await f!.close();
    await sink!.close();
    f = undefined;
    sink = undefined;
  }
});

it('tells every alert still firing and leaves nothing behind when reloads regroup the alerts', async () => {
  for (let seed = 101; seed <= 100 + SEQUENCES; seed++) {
    await run(seed, true);
    await f!.close();
    await sink!.close();
    f = undefined;
    sink = undefined;
  }
});
