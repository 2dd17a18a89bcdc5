/** When a digest period ends: counted from the Unix epoch, or from a time of day in a time zone. */
import { expect, it } from 'vitest';
import { digestDueAt } from '../../../src/runtime/pipeline/digest.ts';

const at = (iso: string) => Date.parse(iso);
const due = (digest: Parameters<typeof digestDueAt>[0], now: string) => new Date(digestDueAt(digest, at(now))).toISOString();

it('counts periods from the Unix epoch without a time of day', () => {
  expect(due({ every: '1h' }, '2026-06-01T10:20:00Z')).toBe('2026-06-01T11:00:00.000Z');
  expect(due({ every: '1h' }, '2026-06-01T11:00:00Z')).toBe('2026-06-01T12:00:00.000Z');
  // Not aligned to days: 7h periods from 1970-01-01T00:00Z.
  expect(due({ every: '7h' }, '2026-06-01T10:20:00Z')).toBe('2026-06-01T16:00:00.000Z');
});

it('sends a daily digest at its time of day in its zone, summer and winter, across both clock changes', () => {
  const berlin = { every: '24h', at: '09:00', location: 'Europe/Berlin' };
  expect(due(berlin, '2026-01-15T07:59:00Z')).toBe('2026-01-15T08:00:00.000Z');
  expect(due(berlin, '2026-01-15T08:00:00Z')).toBe('2026-01-16T08:00:00.000Z');
  expect(due(berlin, '2026-07-15T06:30:00Z')).toBe('2026-07-15T07:00:00.000Z');
  // The night the clocks go forward (29 March 2026) the period is 23 hours; back (25 October), 25.
  expect(due(berlin, '2026-03-28T09:00:00Z')).toBe('2026-03-29T07:00:00.000Z');
  expect(due(berlin, '2026-10-24T08:00:00Z')).toBe('2026-10-25T08:00:00.000Z');
  // A time the clocks skip is taken an hour on: 02:30 does not exist in Berlin on 29 March.
  expect(due({ every: '24h', at: '02:30', location: 'Europe/Berlin' }, '2026-03-28T02:00:00Z')).toBe('2026-03-29T01:30:00.000Z');
  expect(due({ every: '24h', at: '09:30', location: 'Asia/Kolkata' }, '2026-06-01T05:00:00Z')).toBe('2026-06-02T04:00:00.000Z');
});

it('counts shorter periods from the time of day each day, the day’s last ending at the next day’s', () => {
  const shifts = { every: '8h', at: '06:00' };
  expect(['05:59', '06:00', '13:59', '21:30', '22:30'].map((time) => due(shifts, `2026-06-01T${time}:00Z`))).toEqual([
    '2026-06-01T06:00:00.000Z',
    '2026-06-01T14:00:00.000Z',
    '2026-06-01T14:00:00.000Z',
    '2026-06-01T22:00:00.000Z',
    '2026-06-02T06:00:00.000Z',
  ]);
  // Hourly in Berlin through the hour the clocks repeat (02:00 to 03:00 twice on 25 October
  // 2026): counted on the wall clock, it is one period of two hours.
  const hourly = { every: '1h', location: 'Europe/Berlin' };
  expect(['2026-10-25T00:10:00Z', '2026-10-25T01:10:00Z', '2026-10-25T02:10:00Z'].map((now) => due(hourly, now))).toEqual([
    '2026-10-25T02:00:00.000Z',
    '2026-10-25T02:00:00.000Z',
    '2026-10-25T03:00:00.000Z',
  ]);
  // 7h does not divide a day: 00:00, 07:00, 14:00, 21:00, and the last period is 3 hours.
  expect(due({ every: '7h', location: 'UTC' }, '2026-06-01T22:00:00Z')).toBe('2026-06-02T00:00:00.000Z');
  expect(due({ every: '1h', location: 'America/New_York' }, '2026-06-01T10:20:00Z')).toBe('2026-06-01T11:00:00.000Z');
});
