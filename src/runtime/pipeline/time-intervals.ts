/**
 * Mute and active time intervals (Alertmanager's): a route muted now, or outside all of its active
 * intervals, holds its notifications back; the alerts still group and will be told later.
 */
import type { TimeInterval } from '../config/schema.ts';
import { dayOfMonthRange, inRange, monthRange, weekdayRange, yearRange, type Range } from '../config/time-ranges.ts';
import { localTime, type LocalTime } from './local-time.ts';

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

type TimeSpec = TimeInterval['time_intervals'][number];

/** The ranges of a spec, read (the config's schema has checked every one parses). */
const ranges = (texts: readonly string[] | undefined, parse: (text: string) => Range | string) => texts?.map((text) => parse(text) as Range);

/** As Alertmanager: a day counted back from the month's end is resolved in the month at hand. */
function inDaysOfMonth({ begin, end }: Range, local: LocalTime): boolean {
  const first = begin < 0 ? local.daysInMonth + begin + 1 : begin;
  const last = end < 0 ? local.daysInMonth + end + 1 : end;
  // A range from the 31st is in no shorter month.
  return first <= local.daysInMonth && local.day >= first && local.day <= Math.min(last, local.daysInMonth);
}

function specTest(spec: TimeSpec): (now: number) => boolean {
  const location = spec.location ?? 'UTC';
  const times = spec.times?.map((t) => ({ start: minutes(t.start_time), end: minutes(t.end_time) }));
  const weekdays = ranges(spec.weekdays, weekdayRange);
  const daysOfMonth = ranges(spec.days_of_month, dayOfMonthRange);
  const months = ranges(spec.months, monthRange);
  const years = ranges(spec.years, yearRange);
  return (now) => {
    const local = localTime(now, location);
    if (times && !times.some((t) => local.minute >= t.start && local.minute < t.end)) return false;
    if (weekdays && !weekdays.some((r) => inRange(r, local.weekday))) return false;
    if (daysOfMonth && !daysOfMonth.some((r) => inDaysOfMonth(r, local))) return false;
    if (months && !months.some((r) => inRange(r, local.month))) return false;
    if (years && !years.some((r) => inRange(r, local.year))) return false;
    return true;
  };
}

/** Whether a time falls in the interval, its ranges read once. */
export function timeIntervalTest(interval: TimeInterval): (now: number) => boolean {
  const specs = interval.time_intervals.map(specTest);
  return (now) => specs.some((inSpec) => inSpec(now));
}

/** A config's time intervals, read once per config. */
export class TimeIntervals {
  private readonly tests: ReadonlyMap<string, (now: number) => boolean>;

  constructor(intervals: readonly TimeInterval[]) {
    this.tests = new Map(intervals.map((interval) => [interval.name, timeIntervalTest(interval)]));
  }

  /** Whether a route with these mute and active intervals may notify at `now`. */
  mayNotify(mute: readonly string[], active: readonly string[], now: number): boolean {
    const during = (name: string) => this.tests.get(name)?.(now) ?? false;
    if (mute.some(during)) return false;
    return active.length === 0 || active.some(during);
  }
}
