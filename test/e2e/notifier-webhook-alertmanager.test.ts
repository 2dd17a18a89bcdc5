/**
 * The notifier's webhook messages against Debian's Alertmanager's: one random routing config
 * written for both (the notifier's, and alertmanager.yml from it by the real emitter), the same
 * random alerts posted to both, round after round; every message each webhook receives, compared
 * field by field. A webhook consumer written for Alertmanager (one that reads the first alerts, or
 * relies on max_alerts) must get the same messages.
 */
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { alertmanagerForm } from '../../src/runtime/config/alertmanager-form.ts';
import { notifierConfigSchema, type NotifierConfigInput } from '../../src/runtime/config/schema.ts';
import { seededRandom } from '../support/seeded-random.ts';
import { itWithTools } from '../support/tools.ts';
import { startAlertmanagerProcess } from './support/alertmanager-process.ts';
import { caseDirs } from './support/case-dirs.ts';
import { HttpSink, type ReceivedPost } from './support/http-sink.ts';
import { startNotifierProcess, writeNotifierConfig } from './support/notifier-process.ts';

const newCaseDir = caseDirs('webhook');

// job and instance decide Alertmanager's order of a message's alerts; few values, so groups hold
// several. A tab and an é, which a group key quotes as Go does.
const LABELS: Record<string, string[]> = { alertname: ['A', 'B'], job: ['api', 'db'], team: ['x', 'y', 'x\ty'], instance: ['i1', 'i2', 'é3'], severity: ['critical', 'warning'] };
/** Two matchers out of Alertmanager's order, a tab in a value; a second route with the same ones keys its groups alike in Alertmanager. */
const CHILD_MATCHERS = [
  { label: 'team', op: '=~', value: 'y|x\ty' },
  { label: 'severity', op: '!~', value: 'none\t|x' },
] as const;
const ANNOTATIONS = ['summary', 'description', 'runbook_url'];
const GROUP_WAIT_MS = 1000;
const GROUP_INTERVAL_MS = 3000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A message as a consumer reads it: keys in any order, times as instants to the millisecond; our own fields and the external URL aside. */
function asRead(post: ReceivedPost): string {
  const canonical = (value: unknown): unknown => {
    if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return new Date(value.replace(/(\.\d{3})\d+/, '$1')).toISOString();
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
    return value;
  };
  const { externalURL, groupId, links, escalationStep, ...alertmanagers } = post.body;
  return JSON.stringify(canonical({ path: post.path, ...alertmanagers }));
}

interface Play {
  readonly random: () => number;
  readonly pick: <T>(values: readonly T[]) => T;
  /** A time in one of the forms senders write: UTC with or without a fraction (whole seconds, earlier by up to one), nanoseconds, an offset. */
  readonly time: (ms: number, wholeSeconds?: boolean) => string;
  /** Random labels: an alertname and some of the others. */
  readonly labels: () => Record<string, string>;
  /** Posts the alerts to both, each answering 200. */
  readonly post: (alerts: readonly PostedAlert[]) => Promise<void>;
}

interface PostedAlert {
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
  readonly startsAt: string;
  readonly endsAt?: string;
  readonly generatorURL?: string;
}

/** Starts both with the seed's random config, lets `play` post to them, and compares what their webhooks received. */
async function compareMessages(seed: number, play: (p: Play) => Promise<void>): Promise<void> {
  const random = seededRandom(seed);
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const caseDir = await newCaseDir();
  const sinks = { alertmanager: await HttpSink.start(), notifier: await HttpSink.start() };
  try {
    const channel = { type: 'webhook' as const, max_alerts: random() < 0.3 ? 2 : 0, send_resolved: random() < 0.8 };
    const route = {
      receiver: 'r0',
      group_by: random() < 0.15 ? ['...'] : Object.keys(LABELS).filter(() => random() < 0.5),
      group_wait: `${GROUP_WAIT_MS}ms`,
      group_interval: `${GROUP_INTERVAL_MS}ms`,
      repeat_interval: '1h',
      routes: random() < 0.5 ? [] : [{ receiver: 'r1', matchers: CHILD_MATCHERS, continue: random() < 0.5 }, { receiver: 'r0', matchers: CHILD_MATCHERS }],
    } as NotifierConfigInput['route'];
    const config = (sink: HttpSink): NotifierConfigInput => ({ receivers: ['r0', 'r1'].map((name) => ({ name, channels: [{ ...channel, url: `${sink.url}/${name}` }] })), route });
    const amUrl = await startAlertmanagerProcess(caseDir, stringify(alertmanagerForm(notifierConfigSchema.parse(config(sinks.alertmanager))).document));
    const nfUrl = (await startNotifierProcess(caseDir, await writeNotifierConfig(caseDir, config(sinks.notifier)))).url;
    await play({
      random,
      pick,
      time: (ms, wholeSeconds = true) => {
        const form = random() * (wholeSeconds ? 1 : 0.7);
        if (form < 0.3) return new Date(ms).toISOString();
        if (form < 0.5) return new Date(ms).toISOString().replace('Z', '123456Z');
        if (form < 0.7) return new Date(ms + 7_200_000).toISOString().replace('Z', '+02:00');
        return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
      },
      labels: () => Object.fromEntries(Object.entries(LABELS).filter(([name]) => name === 'alertname' || random() < 0.7).map(([name, values]) => [name, pick(values)])),
      post: async (alerts) => {
        for (const url of [amUrl, nfUrl]) expect((await fetch(`${url}/api/v2/alerts`, { method: 'POST', body: JSON.stringify(alerts), headers: { 'content-type': 'application/json' } })).status).toBe(200);
      },
    });
    const received = sinks.alertmanager.posts.map(asRead).sort();
    expect(received.length).toBeGreaterThan(0);
    expect(sinks.notifier.posts.map(asRead).sort()).toEqual(received);
  } finally {
    await sinks.alertmanager.close();
    await sinks.notifier.close();
  }
}

/**
 * Alerts that started just now: one that started over group_wait ago makes Alertmanager flush its
 * new group at once, racing the rest of the request.
 */
function firstAlerts({ random, pick, time, labels }: Play, now: number): PostedAlert[] {
  return Array.from({ length: 10 }, () => ({
    labels: labels(),
    annotations: Object.fromEntries(ANNOTATIONS.filter(() => random() < 0.6).map((name) => [name, pick(['s1', 's2', 'http://runbook'])])),
    startsAt: time(now - Math.floor(random() * 500), false),
    ...(random() < 0.6 && { endsAt: time(now + 3_600_000) }),
    ...(random() < 0.5 && { generatorURL: 'http://prometheus/graph?g0.expr=up&g0.tab=1' }),
  }));
}

const labelKey = (alert: PostedAlert) => JSON.stringify(Object.entries(alert.labels).sort());

// Among them: max_alerts (7, 9, 12), send_resolved off (9, 10), group_by '...' (9), a child route's group key (2, 4, 7, 9, 12).
itWithTools(['alertmanager']).each([2, 4, 7, 9, 10, 12])('sends the webhook messages Alertmanager sends, random config %i', (seed) =>
  compareMessages(seed, async (play) => {
    const { random, time, post } = play;
    const now = Date.now();
    const alerts = firstAlerts(play, now);
    await post(alerts);
    await sleep(GROUP_WAIT_MS + 800);
    // Before the groups' next flush: re-sent with starts moved earlier or later (duplicates in one
    // request among them), some resolved, annotations changed, one new alert.
    const resolvedAt = time(Date.now() - 100);
    const again = alerts.map((alert) => ({
      ...alert,
      // Earlier, or later but before it resolves (a start after the end is refused by both).
      ...(random() < 0.3 && { startsAt: time(random() < 0.5 ? now - Math.floor(random() * 600_000) : now + 200) }),
      ...(random() < 0.4 && { endsAt: resolvedAt }),
      ...(random() < 0.2 && { annotations: { summary: 'changed' } }),
    }));
    again.push({ labels: { alertname: 'A', team: 'x', instance: 'i9' }, annotations: { summary: 's1' }, startsAt: time(now) });
    await post(again);
    await sleep(GROUP_INTERVAL_MS + 1200);
  }),
60_000);

// What a notification log decides over several flushes: told once, told again only on a change,
// resolved (told or not, as send_resolved says), firing again. One alert a label set, and a
// resolution not re-sent once told: Alertmanager keeps a resolved alert for 30 minutes and lists it
// again in later messages of its group when it is re-sent; the notifier lets it go once told.
itWithTools(['alertmanager']).each([9, 10])('sends the webhook messages Alertmanager sends over four flushes, random config %i', (seed) =>
  compareMessages(seed, async (play) => {
    const { random, time, labels, post } = play;
    const seen = new Set<string>();
    let alerts = firstAlerts(play, Date.now()).filter((alert) => !seen.has(labelKey(alert)) && seen.add(labelKey(alert)));
    await post(alerts);
    await sleep(GROUP_WAIT_MS + 800);
    for (let round = 0; round < 3; round++) {
      const now = Date.now();
      const resolvedAt = time(now - 100);
      alerts = alerts.flatMap((alert) => {
        // A resolved one fires again, starting after it ended, or is sent no more.
        if (Date.parse(alert.endsAt ?? '9999-12-31T00:00:00Z') <= now) return random() < 0.5 ? [{ ...alert, startsAt: time(now - 50, false), endsAt: time(now + 3_600_000) }] : [];
        return [{ ...alert, ...(random() < 0.3 && { endsAt: resolvedAt }), ...(random() < 0.15 && { annotations: { summary: 'changed' } }) }];
      });
      const added: PostedAlert = { labels: labels(), annotations: { summary: 's1' }, startsAt: time(now - 50, false) };
      if (random() < 0.6 && !alerts.some((alert) => labelKey(alert) === labelKey(added))) alerts.push(added);
      await post(alerts);
      await sleep(GROUP_INTERVAL_MS + 100);
    }
    await sleep(1200);
  }),
90_000);
