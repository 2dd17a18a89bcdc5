/**
 * Wall-clock time in an IANA zone, as mute and active time intervals and digest periods read it:
 * the local date and minute of an instant, and the instant of a local date and minute.
 */
import { LOCAL_TIME_ZONE } from '../config/time-ranges.ts';
import { DAY_MS } from '../duration.ts';
import { daysInMonth, weekdayOf } from '../rfc3339.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

export interface LocalTime {
  readonly year: number;
  /** 1 to 12. */
  readonly month: number;
  readonly day: number;
  readonly daysInMonth: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  readonly minute: number;
}

/** The date, weekday and minute of the day at `now` in an IANA zone, or Local (the host's). */
export function localTime(now: number, location: string): LocalTime {
  let format = formatters.get(location);
  if (!format) {
    // Local: the process's own zone, which Intl uses when given none.
    format = new Intl.DateTimeFormat('en-US', { timeZone: location === LOCAL_TIME_ZONE ? undefined : location, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
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

/** The zone's wall clock at `at`, in milliseconds as if it were UTC (zones are whole minutes apart). */
export function wallClock(at: number, location: string): number {
  const local = localTime(at, location);
  return Date.UTC(local.year, local.month - 1, local.day, 0, local.minute) + (at - Math.floor(at / 60_000) * 60_000);
}

/**
 * The instant the zone's wall clock reads `wall` (milliseconds as if UTC). A time a clock change
 * repeats is taken the first time; one it skips, an hour on (by the offset from before the change).
 */
export function instantAt(wall: number, location: string): number {
  // The offsets a day either side: one of them is the offset at the instant, unless the clock skips it.
  const before = wallClock(wall - DAY_MS, location) - (wall - DAY_MS);
  const after = wallClock(wall + DAY_MS, location) - (wall + DAY_MS);
  const fits = [before, after].map((offset) => wall - offset).filter((instant) => wallClock(instant, location) === wall);
  return fits.length > 0 ? Math.min(...fits) : wall - before;
}
