/** Alertmanager's merge of a received alert into the one held: when it continues it, and with what end; and which ended alerts await a re-send at a restart. */
import { expect, it } from 'vitest';
import { awaitsResend, continuesHeld, endedByEstimate, isResolved, mergedEndsAt, resolvesAt, type Alert } from '../../../src/runtime/model/alert.ts';

const NOW = 100_000;
const held = (startsAt: number, endsAt: number, timeout = false): Alert => ({ fingerprint: 'f', labels: { alertname: 'A' }, annotations: {}, startsAt, endsAt, timeout, generatorURL: '', updatedAt: NOW });

it('continues the held alert when the update starts or ends strictly inside it, resolved or not', () => {
  const firing = held(50_000, 200_000);
  expect(continuesHeld(firing, 60_000, 300_000)).toBe(true);
  expect(continuesHeld(firing, 10_000, 150_000)).toBe(true);
  // The same start, a later end: Prometheus re-sending; replaced, with the same start.
  expect(continuesHeld(firing, 50_000, 300_000)).toBe(false);
  // Starting after it ended: another occurrence.
  const resolved = held(50_000, 90_000);
  expect(continuesHeld(resolved, 95_000, 300_000)).toBe(false);
  expect(continuesHeld(resolved, 60_000, 300_000)).toBe(true);
});

it('keeps the later end its sender gave, not one from resolve_timeout; of two resolutions, the later', () => {
  expect(mergedEndsAt(held(50_000, 400_000), 300_000, NOW)).toBe(400_000);
  expect(mergedEndsAt(held(50_000, 400_000, true), 300_000, NOW)).toBe(300_000);
  expect(mergedEndsAt(held(50_000, 200_000), 300_000, NOW)).toBe(300_000);
  // A resolution ends a firing alert however late its end.
  expect(mergedEndsAt(held(50_000, 400_000), 90_000, NOW)).toBe(90_000);
  expect(mergedEndsAt(held(50_000, 95_000), 90_000, NOW)).toBe(95_000);
  expect(mergedEndsAt(held(50_000, 85_000), 90_000, NOW)).toBe(90_000);
});

it('at a restart, awaits a re-send of an alert whose estimated end passed, once; not of one its sender resolved, nor of one still firing', () => {
  // Last received at NOW firing, with an end estimated ahead; restarted later.
  const estimated = { ...held(50_000, 300_000), updatedAt: NOW };
  expect(endedByEstimate(estimated, 400_000)).toBe(true);
  expect(endedByEstimate(estimated, 200_000)).toBe(false);
  // Resolved by its sender: its end is not later than its receipt.
  expect(endedByEstimate({ ...held(50_000, 90_000), updatedAt: NOW }, 400_000)).toBe(false);
  const awaiting = { ...estimated, awaitingUntil: 700_000 };
  expect([isResolved(awaiting, 400_000), awaitsResend(awaiting, 400_000)]).toEqual([false, true]);
  expect([isResolved(awaiting, 700_000), awaitsResend(awaiting, 700_000)]).toEqual([true, false]);
  // Listed (GET /api/v2/alerts) as Alertmanager lists an alert: ending when it resolves unless re-sent.
  expect([resolvesAt(estimated), resolvesAt(awaiting)]).toEqual([300_000, 700_000]);
  // Awaited once: a later restart does not wait again.
  expect(endedByEstimate(awaiting, 800_000)).toBe(false);
});
