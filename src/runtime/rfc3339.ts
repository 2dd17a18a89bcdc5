/**
 * Times as Alertmanager 0.25's API reads them (go-openapi's strfmt.DateTime, which tries Go's
 * time.Parse with several layouts): RFC 3339, a fraction of any length after a period or a comma;
 * no zone (UTC); a zone without its colon only after exactly 3 or 6 fraction digits; no seconds
 * (then "Z" or no zone); a space for the T (seconds, no zone). T and Z are upper case, an hour may
 * have one digit, and zone offsets are not range-checked, as that parse does not check them.
 * Date.parse alone also takes "1", "2024" and February 31st, each as some other time.
 */
const TIME = /^(\d{4})-(\d{2})-(\d{2})([T ])(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Whether one of strfmt's layouts has these parts: see TIME. */
function layoutHas(separator: string, seconds: string | undefined, fraction: string | undefined, zone: string | undefined): boolean {
  if (separator === ' ') return seconds !== undefined && zone === undefined;
  if (seconds === undefined) return zone === undefined || zone === 'Z';
  if (zone === undefined || zone === 'Z' || zone.includes(':')) return true;
  return fraction?.length === 3 || fraction?.length === 6;
}

/** 400 Gregorian years, an exact number of days: moves years below 100 out of Date.UTC's 19xx reading. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** A day of the Gregorian calendar, which repeats every 400 years: any year works, 1 to 99 included. */
const calendarDay = (year: number, month: number, day: number) => new Date(Date.UTC(2000 + (year % 400), month - 1, day));

/** Days in a month (1 to 12) of a year. */
export const daysInMonth = (year: number, month: number) => calendarDay(year, month + 1, 0).getUTCDate();

/** The weekday of a date, 0 for Sunday. */
export const weekdayOf = (year: number, month: number, day: number) => calendarDay(year, month, day).getUTCDay();

/** Epoch milliseconds, or NaN when Alertmanager's API would not read the text as a time. */
export function parseRfc3339(text: string): number {
  // strfmt reads an empty time as the Unix epoch.
  if (text === '') return 0;
  const match = TIME.exec(text);
  if (!match) return NaN;
  const [, , , , separator, , , seconds, fraction, zone] = match;
  if (!layoutHas(separator!, seconds, fraction, zone)) return NaN;
  const [year, month, day, hour, minute] = [1, 2, 3, 5, 6].map((i) => Number(match[i])) as [number, number, number, number, number];
  const second = Number(seconds ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offset = zone === undefined || zone === 'Z' ? undefined : /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
  const offsetMs = offset === undefined ? 0 : (offset[1] === '+' ? 1 : -1) * (Number(offset[2]) * 60 + Number(offset[3])) * 60_000;
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - FOUR_CENTURIES_MS - offsetMs;
}
