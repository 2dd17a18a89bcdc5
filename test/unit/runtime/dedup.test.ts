/** The dedup stage: the notification log decides whether a flush tells a receiver anything new. */
import { expect, it } from 'vitest';
import { needsNotification, type DedupInput } from '../../../src/runtime/pipeline/dedup.ts';

const HOUR = 3_600_000;
const entry = (firing: string[], resolved: string[] = [], sentAt = 0) => ({ groupKey: 'g', receiver: 'r', channel: 'webhook[0]', firing, resolved, sentAt });
const input = (over: Partial<DedupInput>): DedupInput => ({ entry: undefined, firing: new Set(), resolved: new Set(), sendResolved: true, repeatIntervalMs: 4 * HOUR, acknowledged: false, now: HOUR, ...over });

it('tells a receiver of the first firing alerts, and not of alerts that fired and resolved unseen', () => {
  expect(needsNotification(input({ firing: new Set(['a']) }))).toBe(true);
  expect(needsNotification(input({ resolved: new Set(['a']) }))).toBe(false);
});

it('tells of a new firing alert but not of the same ones again', () => {
  expect(needsNotification(input({ entry: entry(['a']), firing: new Set(['a', 'b']) }))).toBe(true);
  expect(needsNotification(input({ entry: entry(['a', 'b']), firing: new Set(['a']) }))).toBe(false);
});

it('tells of resolutions when the channel sends them, and always once everything resolved', () => {
  expect(needsNotification(input({ entry: entry(['a', 'b']), firing: new Set(['a']), resolved: new Set(['b']) }))).toBe(true);
  expect(needsNotification(input({ entry: entry(['a', 'b']), firing: new Set(['a']), resolved: new Set(['b']), sendResolved: false }))).toBe(false);
  expect(needsNotification(input({ entry: entry(['a']), resolved: new Set(['a']), sendResolved: false }))).toBe(true);
});

it('repeats after repeat_interval, unless the group is acknowledged', () => {
  expect(needsNotification(input({ entry: entry(['a']), firing: new Set(['a']), now: 4 * HOUR }))).toBe(true);
  expect(needsNotification(input({ entry: entry(['a']), firing: new Set(['a']), now: 4 * HOUR - 1 }))).toBe(false);
  expect(needsNotification(input({ entry: entry(['a']), firing: new Set(['a']), now: 4 * HOUR, acknowledged: true }))).toBe(false);
});

it('tells nothing while every alert of the group is muted, then the resolution of what the receiver was told fires', () => {
  expect(needsNotification(input({ entry: entry(['a', 'b']) }))).toBe(false);
  expect(needsNotification(input({ entry: entry(['a', 'b']), now: 5 * HOUR }))).toBe(false);
  expect(needsNotification(input({ entry: entry(['a', 'b']), resolved: new Set(['a']) }))).toBe(true);
  // b still muted, told resolved: c fired and resolved unseen while muted, which tells it nothing new.
  expect(needsNotification(input({ entry: entry(['b'], ['a']), resolved: new Set(['c']) }))).toBe(false);
});
