/** Superseding: what a message replacing those still waiting builds on, carries and owes. */
import { expect, it } from 'vitest';
import { withAlerts, type NotificationAlert } from '../../../src/runtime/notification.ts';
import { superseding } from '../../../src/runtime/pipeline/supersede.ts';
import type { OutboxEntry } from '../../../src/runtime/store/store.ts';

const alert = (fingerprint: string, status: 'firing' | 'resolved', endsAt = '0001-01-01T00:00:00Z'): NotificationAlert => ({ status, labels: { instance: fingerprint }, annotations: {}, startsAt: '2026-01-05T09:00:00Z', endsAt, generatorURL: '', fingerprint });
const told = (firing: string[]) => ({ groupKey: 'g', receiver: 'team', channel: 'webhook[0]', firing, resolved: [], sentAt: 0 });
const message = (alerts: NotificationAlert[], toldBefore: OutboxEntry['toldBefore']): OutboxEntry =>
  ({ id: String(alerts.length), groupKey: 'g', receiver: 'team', channel: 'webhook[0]', notification: withAlerts({ groupKey: 'g', groupId: 'g', receiver: 'team', groupLabels: {}, externalURL: '', links: {} }, alerts), attempts: 1, nextAttemptAt: 0, createdAt: 0, lastError: undefined, toldBefore });

it('builds on what the channel knew before the first waiting message, and carries their resolutions of alerts the group no longer holds', () => {
  const before = told(['a', 'b']);
  const waiting = [message([alert('a', 'firing'), alert('b', 'resolved', 'early')], before), message([alert('a', 'resolved'), alert('b', 'resolved', 'late')], told(['a']))];
  const result = superseding(waiting, told([]), new Set(['a']), new Set());
  expect(result.before).toBe(before);
  expect(result.superseded).toBe(waiting);
  // a fires again, so it is told as it is now; b's latest end is carried.
  expect(result.carried.map((x) => [x.fingerprint, x.endsAt])).toEqual([['b', 'late']]);
  expect(result.owesResolution).toBe(false);
});

it('owes the resolution of an alert a waiting message told firing, and builds on nothing when nothing was told before', () => {
  const result = superseding([message([alert('a', 'firing')], null)], told(['a']), new Set(), new Set(['a']));
  expect([result.before, result.owesResolution]).toEqual([undefined, true]);
});

it('replaces nothing when a waiting message comes from a state file that did not keep what its channel knew', () => {
  const logged = told(['a']);
  const result = superseding([message([alert('a', 'firing')], told([])), message([alert('a', 'resolved')], undefined)], logged, new Set(), new Set(['a']));
  expect(result).toEqual({ superseded: [], before: logged, carried: [], owesResolution: false });
});
