/** Alertmanager's merge of a received alert into the one held: when it continues it, and with what end. */
import { expect, it } from 'vitest';
import { continuesHeld, mergedEndsAt, type Alert } from '../../../src/runtime/model/alert.ts';

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
