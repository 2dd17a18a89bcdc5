/** Durations of the validated config, as milliseconds. */
import { parseDuration } from '../sdk/duration.ts';

/** Milliseconds of a duration the config schema has already validated. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return ms;
}
