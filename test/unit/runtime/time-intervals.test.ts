/** Mute and active time intervals, in the interval's own time zone. */
import { expect, it } from 'vitest';
import { routeMayNotify } from '../../../src/runtime/pipeline/time-intervals.ts';

const intervals = [
  { name: 'office', time_intervals: [{ weekdays: ['monday:friday'], times: [{ start_time: '09:00', end_time: '17:00' }], location: 'Europe/Berlin' }] },
  { name: 'weekend', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] },
];
// Monday 2026-01-05: 08:30 UTC is 09:30 in Berlin.
const mondayMorning = Date.UTC(2026, 0, 5, 8, 30);
const saturday = Date.UTC(2026, 0, 10, 12, 0);

it('holds notifications during a mute interval and outside all active ones', () => {
  expect(routeMayNotify(intervals, ['weekend'], [], saturday)).toBe(false);
  expect(routeMayNotify(intervals, ['weekend'], [], mondayMorning)).toBe(true);
  expect(routeMayNotify(intervals, [], ['office'], mondayMorning)).toBe(true);
  expect(routeMayNotify(intervals, [], ['office'], mondayMorning - 60 * 60_000)).toBe(false);
});
