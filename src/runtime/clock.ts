/** Time as the notifier sees it: injected, so tests drive group waits and escalation delays. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

let lastMs = NaN;
let lastIso = '';

/**
 * Epoch milliseconds as the API and messages write them. The last one is remembered: the alerts
 * of a message mostly began in the same evaluation, and a message writes each alert's start.
 */
export function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}
