/** Mute and active time intervals, in the interval's own time zone, with Alertmanager's fields and semantics. */
import { expect, it } from 'vitest';
import type { TimeInterval } from '../../../src/runtime/config/schema.ts';
import { TimeIntervals, timeIntervalTest } from '../../../src/runtime/pipeline/time-intervals.ts';

const intervals = [
  { name: 'office', time_intervals: [{ weekdays: ['monday:friday'], times: [{ start_time: '09:00', end_time: '17:00' }], location: 'Europe/Berlin' }] },
  { name: 'weekend', time_intervals: [{ weekdays: ['saturday', 'sunday'] }] },
];
// Monday 2026-01-05: 08:30 UTC is 09:30 in Berlin.
const mondayMorning = Date.UTC(2026, 0, 5, 8, 30);
const saturday = Date.UTC(2026, 0, 10, 12, 0);

it('holds notifications during a mute interval and outside all active ones', () => {
  const routing = new TimeIntervals(intervals);
  expect(routing.mayNotify(['weekend'], [], saturday)).toBe(false);
  expect(routing.mayNotify(['weekend'], [], mondayMorning)).toBe(true);
  expect(routing.mayNotify([], ['office'], mondayMorning)).toBe(true);
  expect(routing.mayNotify([], ['office'], mondayMorning - 60 * 60_000)).toBe(false);
});

const interval = (spec: TimeInterval['time_intervals'][number]): TimeInterval => ({ name: 'i', time_intervals: [spec] });
const day = (year: number, month: number, date: number, hour = 12) => Date.UTC(year, month - 1, date, hour);

it('takes days of the month, counted back from the end of the month at hand as well', () => {
  const lastThree = interval({ days_of_month: ['-3:-1'] });
  expect([day(2026, 2, 25), day(2026, 2, 26), day(2026, 2, 28), day(2026, 3, 28), day(2026, 3, 29)].map(timeIntervalTest(lastThree))).toEqual([false, true, true, false, true]);
  const firstWeekAndLast = interval({ days_of_month: ['1:7', '-1'] });
  expect([day(2026, 4, 7), day(2026, 4, 8), day(2026, 4, 30)].map(timeIntervalTest(firstWeekAndLast))).toEqual([true, false, true]);
  // From the 5th to the 3rd day before the end: in February 2024 (29 days), the 5th to the 27th.
  const middle = interval({ days_of_month: ['5:-3'] });
  expect([day(2024, 2, 4), day(2024, 2, 5), day(2024, 2, 27), day(2024, 2, 28)].map(timeIntervalTest(middle))).toEqual([false, true, true, false]);
  // A range from the 31st is in no month shorter than that.
  expect([day(2026, 4, 30), day(2026, 5, 31)].map(timeIntervalTest(interval({ days_of_month: ['31'] })))).toEqual([false, true]);
});

it('takes months by name or number, years, and names in any case, all of them together', () => {
  const holidays = interval({ months: ['December'], days_of_month: ['24:26'], location: 'Europe/Berlin' });
  // 23:30 UTC on the 23rd is already the 24th in Berlin.
  expect([Date.UTC(2026, 11, 23, 22, 30), Date.UTC(2026, 11, 23, 23, 30), day(2026, 11, 24)].map(timeIntervalTest(holidays))).toEqual([false, true, false]);
  const firstQuarter = interval({ months: ['1:3'], years: ['2026:2027'] });
  expect([day(2026, 3, 31), day(2026, 4, 1), day(2025, 2, 1), day(2027, 2, 1), day(2028, 2, 1)].map(timeIntervalTest(firstQuarter))).toEqual([true, false, false, true, false]);
  expect(timeIntervalTest(interval({ weekdays: ['Friday:SATURDAY'] }))(saturday)).toBe(true);
});

it("takes Local as Alertmanager does: the host's own time zone", () => {
  const before = process.env.TZ;
  process.env.TZ = 'Asia/Kolkata';
  try {
    const office = interval({ times: [{ start_time: '09:00', end_time: '17:00' }], location: 'Local' });
    // 03:45 UTC is 09:15 in Kolkata, 11:45 UTC is 17:15.
    expect([Date.UTC(2026, 0, 5, 3, 15), Date.UTC(2026, 0, 5, 3, 45), Date.UTC(2026, 0, 5, 11, 15), Date.UTC(2026, 0, 5, 11, 45)].map(timeIntervalTest(office))).toEqual([false, true, true, false]);
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});
