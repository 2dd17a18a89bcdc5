/** Durations of the validated config, as milliseconds. */
import { parseDuration } from '../sdk/duration.ts';

export const DAY_MS = 86_400_000;

/** A config has a handful of distinct durations, read for every alert routed. */
const parsed = new Map<string, number>();

/** Milliseconds of a duration the config schema has already validated. */
export function durationMs(text: string): number {
  let ms = parsed.get(text);
  if (ms === undefined) {
    ms = parseDuration(text);
    if (ms === undefined) throw new Error(`not a duration: ${JSON.stringify(text)}`);
    parsed.set(text, ms);
  }
  return ms;
}
