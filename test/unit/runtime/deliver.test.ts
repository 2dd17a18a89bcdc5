/**
 * The deliver stage's rate limit leaves a trace: a log line when a receiver's limit starts holding
 * a channel's messages back (one a burst, not one a message), a counter of the messages held, and
 * the channel's delivery health saying until when it is held. Time is a manual clock.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { isoTime } from '../../../src/runtime/clock.ts';
import { HttpSink } from '../../e2e/support/http-sink.ts';
import { startNotifier, type NotifierFixture } from './notifier-fixture.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

let sink: HttpSink;
let f: NotifierFixture;

beforeEach(async () => {
  sink = await HttpSink.start();
  f = await startNotifier({
    receivers: [{ name: 'team', channels: [{ type: 'webhook', url: `${sink.url}/team` }], rate_limit: { messages: 1, per: '1m', burst: 1 } }],
    route: { receiver: 'team', group_by: ['alertname'], group_wait: '30s', group_interval: '5m' },
  });
});
afterEach(async () => {
  await f.close();
  await sink.close();
});

/** A group of its own for each name, so that each is one message. */
const fire = (...names: string[]) => f.notifier.ingest(names.map((name) => ({ labels: { alertname: name }, endsAt: f.clock.now() + DAY })));
const rateLimitLines = () => f.log.filter((line) => line.includes('rate limit'));
const heldCount = async () => Number(/^alertforge_notifier_notifications_rate_limited_total\{receiver="team",channel="webhook"\} (\d+)$/m.exec(await f.notifier.metrics.registry.metrics())?.[1] ?? 0);
const rateLimitedUntil = () => [...new Set(f.notifier.listGroups().flatMap((g) => g.delivery.map((d) => d.rateLimitedUntil)))];

it('logs once when the rate limit starts holding messages back, counts each message held once, and says until when in the delivery health', async () => {
  fire('A', 'B', 'C', 'D', 'E');
  await f.after(30 * SECOND);
  expect(sink.posts).toHaveLength(1);
  const nextAt = f.clock.now() + MINUTE;
  expect(rateLimitLines()).toEqual([`receiver team (webhook): rate limit 1 per 1m reached, 4 message(s) wait, next at ${isoTime(nextAt)}`]);
  expect(await heldCount()).toBe(4);
  expect(rateLimitedUntil()).toEqual([isoTime(nextAt)]);

  // Each minute one more goes and the rest are held again: no more lines, and none counted twice.
  await f.after(MINUTE);
  expect(sink.posts).toHaveLength(2);
  expect(rateLimitedUntil()).toEqual([isoTime(f.clock.now() + MINUTE)]);
  for (let i = 0; i < 3; i++) await f.after(MINUTE);
  expect(sink.posts.map((p) => p.body.groupLabels.alertname).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  expect(rateLimitLines()).toHaveLength(1);
  expect(await heldCount()).toBe(4);
  expect(rateLimitedUntil()).toEqual([null]);
  // The webhook's URL is the receiver's secret: the line names the receiver and the channel's type only.
  expect(f.log.join('\n')).not.toContain(sink.url);
});

it('logs again when a later burst meets the limit, once the messages it held before have gone', async () => {
  fire('A', 'B');
  await f.after(30 * SECOND);
  await f.after(MINUTE);
  expect(sink.posts).toHaveLength(2);
  expect(rateLimitLines()).toHaveLength(1);

  await f.after(10 * MINUTE);
  fire('C', 'D', 'E');
  await f.after(30 * SECOND);
  expect(sink.posts).toHaveLength(3);
  expect(rateLimitLines()).toHaveLength(2);
  expect(rateLimitLines()[1]).toBe(`receiver team (webhook): rate limit 1 per 1m reached, 2 message(s) wait, next at ${isoTime(f.clock.now() + MINUTE)}`);
  expect(await heldCount()).toBe(3);
});

it('says nothing of a rate limit the messages stay under', async () => {
  fire('A');
  await f.after(30 * SECOND);
  expect(sink.posts).toHaveLength(1);
  expect(rateLimitLines()).toEqual([]);
  expect(await heldCount()).toBe(0);
});
