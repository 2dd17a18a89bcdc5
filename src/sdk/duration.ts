/** The units Prometheus accepts in a duration, largest first. */
export const DURATION_UNITS = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const;

export type DurationUnit = keyof typeof DURATION_UNITS;

/**
 * A Prometheus duration such as `5m`, `1h30m` or `1h30m15s`. The type catches most typos in the
 * editor; the compiler checks the exact grammar (whole numbers, units largest first) at build time.
 * Longer spellings (`1d2h3m4s`) pass with `as Duration`.
 */
export type Duration =
  | `${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}`
  | `${number}${DurationUnit}${number}${DurationUnit}${number}${DurationUnit}`;

/** The grammar of a duration; the empty string matches it but is not one. */
export const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Go's time.Duration, int64 nanoseconds, ends short of this many milliseconds (about 292 years):
 * Prometheus and Alertmanager refuse a longer duration as out of range.
 */
export const MAX_DURATION_MS = 2 ** 63 / 1e6;

/** Milliseconds in a Prometheus duration, or undefined when it is not one (or is MAX_DURATION_MS or longer). */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_RE.exec(text);
  if (!match || text === '') return undefined;
  const factors = Object.values(DURATION_UNITS);
  let total = 0;
  for (let i = 0; i < factors.length; i++) {
    const part = match[i + 1];
    if (part !== undefined) total += Number(part) * factors[i]!;
  }
  return total < MAX_DURATION_MS ? total : undefined;
}

/** What is wrong with a duration, for a message (`"300y" is ...`), and what to write; undefined when it is one. */
export function durationProblem(text: string): { problem: string; hint?: string } | undefined {
  if (parseDuration(text) !== undefined) return undefined;
  if (text !== '' && DURATION_RE.test(text)) return { problem: 'is out of range: Prometheus and Alertmanager take durations short of 292 years' };
  return { problem: 'is not a valid duration', hint: 'write whole numbers with units, largest first: 30s, 5m, 1h30m' };
}

/** The shortest Prometheus spelling of a number of milliseconds (`90000` -> `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const [unit, factor] of Object.entries(DURATION_UNITS)) {
    const n = Math.floor(rest / factor);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * factor;
    }
  }
  return out;
}

/** Human words for a duration, for prose such as ALERTS.md (`5m` -> `5 minutes`). */
export function describeDuration(text: string): string {
  const ms = parseDuration(text);
  if (ms === undefined) return text;
  const words: Record<DurationUnit, string> = { y: 'year', w: 'week', d: 'day', h: 'hour', m: 'minute', s: 'second', ms: 'millisecond' };
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, factor] of Object.entries(DURATION_UNITS) as [DurationUnit, number][]) {
    const n = Math.floor(rest / factor);
    if (n > 0) {
      parts.push(`${n} ${words[unit]}${n === 1 ? '' : 's'}`);
      rest -= n * factor;
    }
  }
  return parts.length === 0 ? '0 seconds' : parts.join(' ');
}
