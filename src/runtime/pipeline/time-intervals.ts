/**
 * Mute and active time intervals (Alertmanager's): a route muted now, or outside all of its active
 * intervals, holds its notifications back; the alerts still group and will be told later.
 */
import type { TimeInterval } from '../config/schema.ts';
import { dayOfMonthRange, inRange, monthRange, weekdayRange, yearRange, type Range } from '../config/time-ranges.ts';
import { daysInMonth, weekdayOf } from '../rfc3339.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

interface LocalTime {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  readonly daysInMonth: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly minute: number;
}

/** The date, weekday and minute of the day at `now` in an IANA zone. */
function localTime(now: number, location: string): LocalTime {
  let format = formatters.get(location);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: location, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(location, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year,
    month,
    day,
    daysInMonth: daysInMonth(year, month),
    weekday: weekdayOf(year, month, day),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whether `value` is in any of the ranges (the config's schema has checked every one parses). */
function inAny(texts: readonly string[], parse: (text: string) => Range | string, value: number): boolean {
  return texts.some((text) => inRange(parse(text) as Range, value));
}

/** As Alertmanager: a day counted back from the month's end is resolved in the month at hand. */
function inDaysOfMonth(texts: readonly string[], local: LocalTime): boolean {
  return texts.some((text) => {
    const { begin, end } = dayOfMonthRange(text) as Range;
    const first = begin < 0 ? local.daysInMonth + begin + 1 : begin;
    const last = end < 0 ? local.daysInMonth + end + 1 : end;
    // A range from the 31st is in no shorter month.
    return first <= local.daysInMonth && local.day >= first && local.day <= Math.min(last, local.daysInMonth);
  });
}

export function inTimeInterval(interval: TimeInterval, now: number): boolean {
  return interval.time_intervals.some((spec) => {
    const local = localTime(now, spec.location ?? 'UTC');
    if (spec.times && !spec.times.some((t) => local.minute >= minutes(t.start_time) && local.minute < minutes(t.end_time))) return false;
    if (spec.weekdays && !inAny(spec.weekdays, weekdayRange, local.weekday)) return false;
    if (spec.days_of_month && !inDaysOfMonth(spec.days_of_month, local)) return false;
    if (spec.months && !inAny(spec.months, monthRange, local.month)) return false;
    if (spec.years && !inAny(spec.years, yearRange, local.year)) return false;
    return true;
  });
}

/** Whether a route with these intervals may notify at `now`. */
export function routeMayNotify(intervals: readonly TimeInterval[], mute: readonly string[], active: readonly string[], now: number): boolean {
  const named = (name: string) => intervals.find((i) => i.name === name);
  if (mute.some((name) => { const i = named(name); return i !== undefined && inTimeInterval(i, now); })) return false;
  if (active.length === 0) return true;
  return active.some((name) => { const i = named(name); return i !== undefined && inTimeInterval(i, now); });
}
