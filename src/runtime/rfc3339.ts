/**
 * RFC 3339 times, as Alertmanager's API reads them (Go's time.RFC3339, a fraction of a second
 * allowed). Date.parse alone also takes "1", "2024" and February 31st, each as some other time.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** 400 Gregorian years, an exact number of days: moves years below 100 out of Date.UTC's 19xx reading. */
const FOUR_CENTURIES_MS = 146_097 * 86_400_000;

/** A day of the Gregorian calendar, which repeats every 400 years: any year works, 1 to 99 included. */
const calendarDay = (year: number, month: number, day: number) => new Date(Date.UTC(2000 + (year % 400), month - 1, day));

/** Days in a month (1 to 12) of a year. */
export const daysInMonth = (year: number, month: number) => calendarDay(year, month + 1, 0).getUTCDate();

/** The weekday of a date, 0 for Sunday. */
export const weekdayOf = (year: number, month: number, day: number) => calendarDay(year, month, day).getUTCDay();

/** Epoch milliseconds, or NaN when the text is not an RFC 3339 time. */
export function parseRfc3339(text: string): number {
  const match = RFC3339.exec(text);
  if (!match) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const [, , , , , , , fraction, sign, offsetHours, offsetMinutes] = match;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return NaN;
  if (sign !== undefined && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return NaN;
  const ms = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offsetMs = sign === undefined ? 0 : (sign === '+' ? 1 : -1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - FOUR_CENTURIES_MS - offsetMs;
}
