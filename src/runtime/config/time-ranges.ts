/**
 * The ranges of a time interval as Alertmanager writes them: `monday:friday`, days of the month
 * `1:7` or counted back from its end `-7:-1`, months `january:march` or `1:3`, years `2026:2027`.
 * A single value is a range of one. Shared by the config's schema (which refuses a bad one with
 * Alertmanager's reasons) and the pipeline (which evaluates them).
 */
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

export interface Range {
  readonly begin: number;
  readonly end: number;
}

/** A range, or why it is not one. */
type Parsed = Range | string;

function split(text: string, read: (part: string) => number | undefined, what: string): Parsed {
  const parts = text.split(':');
  if (parts.length > 2) return `"${text}" is not a ${what} or a range of them (a:b)`;
  // A single value is a range of one; an end that does not read ("monday:funday") is no range.
  const begin = read(parts[0]!);
  const end = parts.length === 1 ? begin : read(parts[1]!);
  if (begin === undefined || end === undefined) return `"${text}" is not a ${what} or a range of them (a:b)`;
  return { begin, end };
}

const integer = (part: string) => (/^-?\d+$/.test(part) ? Number(part) : undefined);

/** Weekdays, 0 (Sunday) to 6. As in Alertmanager, a range does not wrap: `friday:monday` is two, `friday:saturday` and `sunday:monday`. */
export function weekdayRange(text: string): Parsed {
  const range = split(text, (part) => {
    const day = WEEKDAYS.indexOf(part.toLowerCase() as (typeof WEEKDAYS)[number]);
    return day < 0 ? undefined : day;
  }, 'weekday');
  if (typeof range !== 'string' && range.begin > range.end) return `"${text}": starts after it ends (a week runs sunday to saturday)`;
  return range;
}

/** Days of the month, 1 to 31, or -1 (the last day) to -31 counted back from its end. */
export function dayOfMonthRange(text: string): Parsed {
  const range = split(text, integer, 'day of the month');
  if (typeof range === 'string') return range;
  const { begin, end } = range;
  if ([begin, end].some((d) => d === 0 || d < -31 || d > 31)) return `"${text}": a day of the month is 1 to 31, or -1 to -31 counted back from its end`;
  if (begin < 0 && end > 0) return `"${text}": a range that starts counted back from the month's end must end so too`;
  if (Math.sign(begin) === Math.sign(end) && begin > end) return `"${text}": starts after it ends`;
  // Alertmanager counts a day back from a 28-day month's end as 28 + day (-1 as 27) and refuses a
  // range that ends before it starts there: "end day -1 is always before start day 30".
  if (begin > 0 && end < 0 && begin > 28 + end) return `"${text}": Alertmanager refuses it, its check counting day ${end} as ${28 + end} (28 - ${-end}), before day ${begin}`;
  return range;
}

/** Months, 1 (January) to 12, by name or number. */
export function monthRange(text: string): Parsed {
  const range = split(text, (part) => {
    const named = MONTHS.indexOf(part.toLowerCase() as (typeof MONTHS)[number]);
    if (named >= 0) return named + 1;
    const number = integer(part);
    return number !== undefined && number >= 1 && number <= 12 ? number : undefined;
  }, 'month');
  if (typeof range !== 'string' && range.begin > range.end) return `"${text}": starts after it ends`;
  return range;
}

/** Years, as numbers. */
export function yearRange(text: string): Parsed {
  const range = split(text, (part) => (/^\d{4}$/.test(part) ? Number(part) : undefined), 'year');
  if (typeof range !== 'string' && range.begin > range.end) return `"${text}": starts after it ends`;
  return range;
}

/** A time of day, HH:MM, as time intervals and digests take it; 24:00 ends a day. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** The host's own time zone (its TZ, or /etc/localtime), as Go's time.LoadLocation and Alertmanager take it. */
export const LOCAL_TIME_ZONE = 'Local';

/**
 * The tz database's zones outside a region's folder (its files at the top of /usr/share/zoneinfo).
 * Intl (ICU) takes more there, Java's three-letter ids (IST, BST, PST, ...), which have no zone file.
 */
const TOP_LEVEL_ZONES = new Set(
  'CET CST6CDT Cuba EET EST EST5EDT Egypt Eire GB GB-Eire GMT GMT+0 GMT-0 GMT0 Greenwich HST Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT NZ NZ-CHAT Navajo PRC PST8PDT Poland Portugal ROC ROK Singapore Turkey UCT UTC Universal W-SU WET Zulu'.split(' '),
);
/** Ids in a folder that ICU keeps and the tz database has dropped. */
const ICU_ONLY_ZONES = /^(?:SystemV\/.*|US\/Pacific-New|Canada\/East-Saskatchewan)$/;

/**
 * Whether this is Local or an IANA time zone (a time interval's or digest's `location`) spelled as
 * its zone file is: Alertmanager's Go reads /usr/share/zoneinfo/<name>, where case matters, and
 * JavaScript takes "europe/berlin" too, and ids the tz database lacks (TOP_LEVEL_ZONES, ICU_ONLY_ZONES).
 * Every zone's name has each part capitalized; a name Intl spells otherwise ("utc" for UTC) is
 * refused as well.
 */
export function isTimeZone(name: string): boolean {
  if (name === LOCAL_TIME_ZONE) return true;
  if (name.includes('/') ? ICU_ONLY_ZONES.test(name) : !TOP_LEVEL_ZONES.has(name)) return false;
  let spelled: string;
  try {
    spelled = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  const sameButCase = spelled !== name && spelled.toLowerCase() === name.toLowerCase();
  return !sameButCase && name.split('/').every((part) => /^[A-Z]/.test(part));
}

/** What a location must be, for messages. */
export const TIME_ZONE_HINT = 'an IANA time zone spelled as in the tz database (Alertmanager minds the case), such as Europe/Berlin or America/New_York';

/** Whether `value` is in the range. */
export const inRange = (range: Range, value: number) => value >= range.begin && value <= range.end;
