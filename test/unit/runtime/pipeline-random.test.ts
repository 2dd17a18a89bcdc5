/**
 * The pipeline driven by random (seeded) sequences of what happens to a notifier: alerts firing,
 * re-sent and resolving, time passing, restarts (some past the end estimated for every firing
 * alert, which is then re-sent, maybe one resolved), acknowledgements, silences made and expired, the
 * receiver going down or refusing messages and coming back, and reloads that change how alerts
 * are grouped. A critical alert inhibits the warnings of its connector, warnings are muted half an
 * hour a day, the managers' receiver is rate-limited, and routes that continue tell an audit
 * receiver of every crm alert and a digest receiver, every half hour, of every erp alert. Whatever
 * the order, what an on-call engineer relies on holds: an alert still firing and not muted has
 * been told; no message tells an alert firing while a silence or an inhibiting alert mutes it, and
 * no warning goes out in its muted half hour; no message tells an alert resolved while it fires; one message per group waits for a channel however
 * long it is down; a group nobody acknowledged has reached its last escalation step, and one
 * acknowledged has told nobody new since, but for the first step, which always goes; whoever was
 * told an alert fires is told it resolved; the rate limit holds; nothing is told twice for no
 * reason; and once all has resolved and been told, no group and no message is left. (With
 * reloads, not the resolution: a receiver a reload takes a group from hears no more of it.)
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
const LAST_STEP = 30 * MINUTE;
const SEQUENCES = 20;
const STEPS = 80;

/** The alerts a sequence picks from: two rules (A pages, B warns), three connectors, two instances. */
const ALERTS = ['A', 'B'].flatMap((alertname) =>
  ['crm', 'erp', 'hr'].flatMap((connector) => ['i1', 'i2'].map((instance) => ({ alertname, connector, instance, severity: alertname === 'A' ? 'critical' : 'warning' }))),
);
type AlertLabels = (typeof ALERTS)[number];
const nameOf = (labels: AlertLabels) => `${labels.alertname}/${labels.connector}/${labels.instance}`;
/** The escalation's receivers, in step order. */
const RECEIVERS = ['team', 'oncall', 'manager'];
/** Also told, by a route that continues, of every alert of the crm connector. */
const AUDIT = 'audit';
/** The path of the team's second channel. */
const TEAM_COPY = 'team-copy';
/** Told in a digest every half hour, by a route that continues, of every alert of the erp connector. */
const DIGEST = 'digest';
/** Managers get at most a message a minute, two at once. */
const MANAGER_LIMIT = { messages: 1, per: '1m', burst: 2 };

function config(sink: string, groupBy: string[]): NotifierConfigInput {
  return {
    receivers: [...RECEIVERS, AUDIT, DIGEST].map((name) => ({
      name,
      // The team has a second channel, which must hear exactly what the first does.
      channels: [{ type: 'webhook', url: `${sink}/${name}` }, ...(name === 'team' ? [{ type: 'webhook' as const, url: `${sink}/${TEAM_COPY}` }] : [])],
      ...(name === 'manager' && { rate_limit: MANAGER_LIMIT }),
      ...(name === DIGEST && { digest: { every: '30m' } }),
    })),
    inhibit_rules: [{ source_matchers: [{ label: 'severity', op: '=', value: 'critical' }], target_matchers: [{ label: 'severity', op: '=', value: 'warning' }], equal: ['connector'] }],
    escalation_policies: [{ name: 'page', steps: [{ after: '0s', receivers: ['team'] }, { after: '10m', receivers: ['oncall'] }, { after: '30m', receivers: ['manager'] }] }],
    route: {
      receiver: 'team',
      group_by: groupBy,
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '24h',
      routes: [
        { matchers: [{ label: 'connector', op: '=', value: 'crm' }], receiver: AUDIT, continue: true },
        { matchers: [{ label: 'connector', op: '=', value: 'erp' }], receiver: DIGEST, continue: true },
        { matchers: [{ label: 'severity', op: '=', value: 'critical' }], escalation: 'page' },
        { matchers: [{ label: 'severity', op: '=', value: 'warning' }], receiver: 'team', mute_time_intervals: ['standup'] },
      ],
    },
    time_intervals: [{ name: 'standup', time_intervals: [{ times: [{ start_time: STANDUP.from, end_time: STANDUP.to }] }] }],
  };
}

/** When warnings are muted, each day (UTC): sequences start at 09:00 and often run past it. */
const STANDUP = { from: '09:30', to: '10:00' };
const inStandup = (at: number) => {
  const time = new Date(at).toISOString().slice(11, 16);
  return time >= STANDUP.from && time < STANDUP.to;
};

/** Each alert a message names, with the status it was told. */
const mentions = (post: ReceivedPost) => (post.body.alerts as { labels: AlertLabels; status: string }[]).map((a) => ({ name: nameOf(a.labels), status: a.status }));

/** A silence of one connector, as the sequence made it. */
interface ConnectorSilence {
  readonly id: string;
  readonly connector: string;
  readonly startsAt: number;
  endsAt: number;
}

let sink: HttpSink | undefined;
let f: NotifierFixture | undefined;
afterEach(async () => {
  await f?.close();
  await sink?.close();
});

async function run(seed: number, reloads: boolean): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const s = (sink = await HttpSink.start());
  const fixture = (f = await startNotifier(config(s.url, ['alertname', 'connector'])));
  const firing = new Set<string>();
  /** What each acknowledged group's escalation had told when it was acknowledged, or its first step would. */
  const toldWhenAcked = new Map<string, readonly string[]>();
  const silences: ConnectorSilence[] = [];
  /** Whether a silence covered the alert when a message was made at `at` (a silence made at that time came after it). */
  const silenced = (name: string, at: number) => silences.some((x) => name.split('/')[1] === x.connector && x.startsAt < at && at < x.endsAt);
  /** A warning is inhibited while a critical alert of its connector fires (silenced or not). */
  const inhibited = (name: string, firingThen: ReadonlySet<string>) => {
    const [alertname, connector] = name.split('/');
    return alertname === 'B' && ['i1', 'i2'].some((instance) => firingThen.has(`A/${connector}/${instance}`));
  };
  /**
   * When each post's message was made, and what fired then: as time moves, unless messages were
   * waiting (for a receiver that was down) when it began to, when a post may be an older message.
   */
  const madeAt: (number | undefined)[] = [];
  const arrivedAt: number[] = [];
  const restartedAt: number[] = [];
  const firingWhenMade: ReadonlySet<string>[] = [];
  const outboxDepth = async () => Number(/^alertforge_notifier_outbox_depth (\d+)$/m.exec(await fixture.notifier.metrics.registry.getSingleMetricAsString('alertforge_notifier_outbox_depth'))![1]);
  /** The last time the clock stopped in the muted half hour (no advance jumps over it). */
  let lastMutedAt = -Infinity;
  /** Messages waiting but for the digest's, which wait for the end of its period. */
  const waitingBesideDigest = async () => {
    const digestPending = Math.max(0, ...fixture.notifier.listGroups().flatMap((g) => g.delivery.filter((d) => d.receiver === DIGEST).map((d) => d.pending)));
    return (await outboxDepth()) > digestPending;
  };
  const advance = async (ms: number) => {
    const waiting = await waitingBesideDigest();
    await fixture.after(ms);
    // As the scheduler, which ticks again once a delivery settles: what it made due now (what a
    // trial through an open breaker released) goes now, not at the sequence's next step.
    for (let i = 0; i < 10 && fixture.notifier.nextDueAt() <= fixture.clock.now(); i++) await fixture.after(0);
    if (inStandup(fixture.clock.now())) lastMutedAt = fixture.clock.now();
    while (madeAt.length < s.posts.length) {
      arrivedAt.push(fixture.clock.now());
      madeAt.push(waiting ? undefined : fixture.clock.now());
      firingWhenMade.push(new Set(firing));
    }
  };
  /** Out of the muted half hour, and two flushes on, if time was in it lately: what it held back is told. */
  const pastStandup = async () => {
    while (inStandup(fixture.clock.now())) await advance(GROUP_INTERVAL);
    if (fixture.clock.now() - lastMutedAt > 2 * GROUP_INTERVAL) return;
    for (let i = 0; i < 2; i++) await advance(GROUP_INTERVAL);
  };
  const history: string[] = [];

  for (let step = 0; step < STEPS; step++) {
    const roll = random();
    if (roll < 0.32) {
      const alerts = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(ALERTS));
      fixture.notifier.ingest(alerts.map((labels) => ({ labels, endsAt: fixture.clock.now() + DAY })));
      for (const a of alerts) firing.add(nameOf(a));
      history.push(`fire ${alerts.map(nameOf).join(' ')}`);
    } else if (roll < 0.46 && firing.size > 0) {
      const name = pick([...firing]);
      fixture.notifier.ingest([{ labels: ALERTS.find((a) => nameOf(a) === name)!, endsAt: fixture.clock.now() }]);
      firing.delete(name);
      history.push(`resolve ${name}`);
    } else if (roll < 0.52) {
      const group = pick(fixture.notifier.listGroups().filter((g) => g.escalationPolicy && !g.acknowledged));
      if (group) {
        fixture.notifier.acknowledge(group.id, 'alice', 'token');
        const told = group.escalation?.told ?? [];
        toldWhenAcked.set(group.key, told.length > 0 ? told : ['team']);
        history.push(`ack ${group.key}`);
      }
    } else if (roll < 0.55) {
      const connector = pick(['crm', 'erp', 'hr']);
      const now = fixture.clock.now();
      const endsAt = now + pick([5 * MINUTE, 30 * MINUTE, 2 * 60 * MINUTE]);
      const made = fixture.notifier.putSilence({ matchers: [{ label: 'connector', op: '=', value: connector }], startsAt: now, endsAt, createdBy: 'alice', comment: 'random' });
      silences.push({ id: made.id, connector, startsAt: now, endsAt });
      history.push(`silence ${connector} until +${(endsAt - now) / MINUTE}m`);
    } else if (roll < 0.57) {
      const active = silences.filter((x) => x.endsAt > fixture.clock.now());
      if (active.length > 0) {
        const silence = pick(active);
        fixture.notifier.expireSilence(silence.id);
        silence.endsAt = fixture.clock.now();
        history.push(`expire silence of ${silence.connector}`);
      }
    } else if (roll < 0.6) {
      // Sometimes down past the end every firing alert was estimated to have (a day ahead): they
      // await a re-send, which comes a minute after the restart, for all but maybe one that ended meanwhile.
      const pastEstimates = random() < 0.4;
      if (pastEstimates) {
        await fixture.notifier.flushed();
        fixture.clock.advance(DAY + MINUTE);
      }
      await fixture.restart();
      restartedAt.push(fixture.clock.now());
      if (pastEstimates) {
        await advance(MINUTE);
        const ended = firing.size > 0 && random() < 0.5 ? pick([...firing]) : undefined;
        if (ended) firing.delete(ended);
        const startsAt = new Map(fixture.notifier.listAlerts().map(({ alert }) => [nameOf(alert.labels as AlertLabels), alert.startsAt]));
        // The one that ended is re-sent resolved, as Prometheus re-sends a resolution for 15 minutes.
        const resent = ALERTS.filter((a) => firing.has(nameOf(a)) || nameOf(a) === ended);
        fixture.notifier.ingest(resent.map((labels) => ({ labels, startsAt: startsAt.get(nameOf(labels)), endsAt: fixture.clock.now() + (nameOf(labels) === ended ? 0 : DAY) })));
        history.push(`down past the estimates, re-sent${ended ? `, ${ended} resolved` : ''}`);
      } else history.push('restart');
    } else if (roll < 0.62) {
      // Down, or refusing (a 4xx): either way, nothing is lost once it is back.
      const down = pick([503, 400, undefined, undefined]);
      if (down) s.fail({ status: down });
      else s.recover();
      history.push(down ? `receiver answers ${down}` : 'receiver up');
    } else if (roll < 0.67 && reloads) {
      const groupBy = pick([['alertname', 'connector'], ['alertname'], ['connector', 'instance'], ['...']]);
      fixture.notifier.reload(notifierConfigSchema.parse(config(s.url, groupBy)));
      history.push(`reload group_by ${groupBy.join(',')}`);
    } else {
      const ms = pick([1 * SECOND, 10 * SECOND, GROUP_WAIT, 2 * MINUTE, GROUP_INTERVAL, 20 * MINUTE]);
      await advance(ms);
      history.push(`after ${ms / SECOND}s`);
    }
  }
  const because = () => `seed ${seed}: ${history.join('; ')}`;

  // However long a receiver has been down, one message per group waits for each of its channels.
  await fixture.notifier.flushed();
  const stateFile = new Database(join(fixture.dir, 'state.sqlite'), { readonly: true });
  const piledUp = stateFile.prepare('SELECT group_key, receiver, channel, count(*) AS n FROM outbox GROUP BY 1, 2, 3 HAVING n > 1').all();
  stateFile.close();
  expect(piledUp, because()).toEqual([]);

  // Long enough for every group to flush what it holds and every escalation to take its last step.
  s.recover();
  for (let waited = 0; waited <= LAST_STEP; waited += GROUP_INTERVAL) await advance(GROUP_INTERVAL);
  await pastStandup();
  // And for what the managers' rate limit and the digest's period hold back.
  for (let i = 0; i < 45 && (await outboxDepth()) > 0; i++) await advance(MINUTE);
  const told = new Set(s.posts.flatMap(mentions).filter((m) => m.status === 'firing').map((m) => m.name));
  const end = fixture.clock.now();
  // One silenced until less than a group interval ago is told at its group's next flush.
  const silencedLately = (name: string) => silenced(name, end - GROUP_INTERVAL);
  expect([...firing].filter((name) => !told.has(name) && !silencedLately(name) && !inhibited(name, firing)), because()).toEqual([]);
  for (const [receiver, connector] of [[AUDIT, 'crm'], [DIGEST, 'erp']] as const) {
    const toldThere = new Set(s.to(`/${receiver}`).flatMap(mentions).filter((m) => m.status === 'firing').map((m) => m.name));
    expect([...firing].filter((name) => name.split('/')[1] === connector && !toldThere.has(name) && !silencedLately(name) && !inhibited(name, firing)), because()).toEqual([]);
  }
  const toldMuted = s.posts.flatMap((post, i) =>
    mentions(post)
      .filter((m) => m.status === 'firing' && madeAt[i] !== undefined && post.path !== `/${DIGEST}` && (silenced(m.name, madeAt[i]!) || inhibited(m.name, firingWhenMade[i]!)))
      .map((m) => `${post.path} ${m.name}`),
  );
  expect(toldMuted, because()).toEqual([]);
  // No false all-clear: no message made while an alert fired tells it resolved (a digest's
  // message is made as its period goes, and sent at its end).
  const toldResolvedFiring = s.posts.flatMap((post, i) =>
    madeAt[i] === undefined || post.path === `/${DIGEST}` ? [] : mentions(post).flatMap((m) => (m.status === 'resolved' && firingWhenMade[i]!.has(m.name) ? [`${post.path} ${m.name}`] : [])),
  );
  expect(toldResolvedFiring, because()).toEqual([]);
  const inMutedTime = s.posts.flatMap((post, i) => (madeAt[i] !== undefined && inStandup(madeAt[i]!) && post.body.groupKey.startsWith('{}/{severity="warning"}') ? [`${post.path} ${post.body.groupKey}`] : []));
  expect(inMutedTime, because()).toEqual([]);
  // (A silence holds a group's escalation, its start included, until the first flush after it
  // ends: a group silenced that late may not have reached its last step.)
  const heldLate = end - LAST_STEP - 2 * GROUP_INTERVAL;
  const anySilenced = (names: readonly string[]) => names.some((name) => silences.some((x) => name.split('/')[1] === x.connector && x.endsAt > heldLate));
  for (const group of fixture.notifier.listGroups().filter((g) => g.escalation && !anySilenced(g.alerts.map((a) => nameOf(a.labels as AlertLabels))))) {
    // An acknowledgement belongs to the group it was given to, made again by a reload or not: a
    // group formed anew later starts afresh.
    const expected = group.acknowledged ? toldWhenAcked.get(group.key) : RECEIVERS;
    expect(group.escalation!.told, `${because()}: ${group.key}`).toEqual(expected);
    for (const receiver of group.escalation!.told) expect(s.posts.some((p) => p.path === `/${receiver}` && p.body.groupKey === group.key), `${because()}: ${group.key} to ${receiver}`).toBe(true);
  }

  // Everything resolves: whoever was told an alert fires is told it resolved, last.
  fixture.notifier.ingest(ALERTS.filter((a) => firing.has(nameOf(a))).map((labels) => ({ labels, endsAt: fixture.clock.now() })));
  for (let i = 0; i < 3; i++) await advance(GROUP_INTERVAL);
  await pastStandup();
  for (let i = 0; i < 45 && (await outboxDepth()) > 0; i++) await advance(MINUTE);
  if (!reloads) {
    for (const receiver of [...RECEIVERS, AUDIT, DIGEST]) {
      const last = new Map<string, string>();
      for (const m of s.to(`/${receiver}`).flatMap(mentions)) last.set(m.name, m.status);
      expect([...last].filter(([, status]) => status !== 'resolved').map(([name]) => `${receiver}: ${name}`), because()).toEqual([]);
    }
  }
  expect(fixture.notifier.listGroups().map((g) => g.key), because()).toEqual([]);
  expect(fixture.notifier.listAlerts(), because()).toEqual([]);
  expect(await outboxDepth(), because()).toBe(0);

  // The managers' rate limit holds in every minute (a restart refills the bucket).
  const toManager = arrivedAt.filter((_, i) => s.posts[i]!.path === '/manager');
  const overLimit = toManager.filter((from) => !restartedAt.some((at) => at >= from && at < from + MINUTE) && toManager.filter((at) => at >= from && at < from + MINUTE).length > MANAGER_LIMIT.burst + 1);
  expect(overLimit, because()).toEqual([]);

  // The team's two channels were told the same, group by group, in the same order.
  const byGroup = (path: string) => {
    const said = new Map<string, string[]>();
    for (const post of s.to(path)) said.set(post.body.groupKey, [...(said.get(post.body.groupKey) ?? []), JSON.stringify(mentions(post))]);
    return [...said].sort(([a], [b]) => a.localeCompare(b));
  };
  expect(byGroup(`/${TEAM_COPY}`), because()).toEqual(byGroup('/team'));

  // Nothing told twice: each message to a receiver about a group says something the last did
  // not, a group a reload ended and a later one made again included; but for a reminder
  // repeat_interval (24h) after the last, which a downtime past the estimates makes due.
  const lastSaid = new Map<string, { said: string; madeAt: number }>();
  for (const [i, post] of s.posts.entries()) {
    // An alert that fired again is another alert: its start tells them apart.
    const said = JSON.stringify((post.body.alerts as { labels: AlertLabels; status: string; startsAt: string }[]).map((a) => `${nameOf(a.labels)} ${a.status} ${a.startsAt}`).sort());
    // A digest tells each alert's newest state of its period: one that resolved and fired again in
    // it reads as firing, as in the digest before.
    if (post.path === `/${DIGEST}`) continue;
    const key = `${post.path} ${post.body.groupKey}`;
    const made = madeAt[i] ?? arrivedAt[i]!;
    const last = lastSaid.get(key);
    if (last && made - last.madeAt < DAY) expect(last.said, `${because()}: ${key} told ${said} twice in a row`).not.toBe(said);
    // Made when unknown (it waited for the receiver): no earlier than anything, so no reminder is taken for a repeat.
    lastSaid.set(key, { said, madeAt: madeAt[i] ?? -Infinity });
  }
}

async function runAll(seeds: readonly number[], reloads: boolean): Promise<void> {
  for (const seed of seeds) {
    await run(seed, reloads);
    await f!.close();
    await sink!.close();
    f = undefined;
    sink = undefined;
  }
}

const seeds = (from: number) => Array.from({ length: SEQUENCES }, (_, i) => from + i);

it('tells every alert still firing, escalates until acknowledged, tells whoever was told of each resolution, repeats nothing and leaves nothing behind, across restarts', async () => {
  await runAll(seeds(1), false);
});

it('tells every alert still firing, escalates until acknowledged, and leaves nothing behind when reloads regroup the alerts', async () => {
  await runAll(seeds(101), true);
});
