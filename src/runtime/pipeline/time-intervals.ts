/**
 * Mute and active time intervals (Alertmanager's): a route muted now, or outside all of its active
 * intervals, holds its notifications back; the alerts still group and will be told later.
 */
import type { TimeInterval } from '../config/schema.ts';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Weekday (0 = Sunday) and minute of the day at `now` in an IANA zone. */
function localTime(now: number, location: string): { weekday: number; minute: number } {
  let format = formatters.get(location);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: location, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(location, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return { weekday: WEEKDAYS.indexOf(String(parts.weekday).toLowerCase()), minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

function minutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h! * 60 + m!;
}

function inWeekdays(ranges: readonly string[], weekday: number): boolean {
  return ranges.some((range) => {
    const [from, to = from] = range.split(':').map((d) => WEEKDAYS.indexOf(d));
    return from! <= to! ? weekday >= from! && weekday <= to! : weekday >= from! || weekday <= to!;
  });
}

export function inTimeInterval(interval: TimeInterval, now: number): boolean {
  return interval.time_intervals.some((spec) => {
    const local = localTime(now, spec.location ?? 'UTC');
    if (spec.weekdays && !inWeekdays(spec.weekdays, local.weekday)) return false;
    if (spec.times && !spec.times.some((t) => local.minute >= minutes(t.start_time) && local.minute < minutes(t.end_time))) return false;
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
