/** Time as the notifier sees it: injected, so tests drive group waits and escalation delays. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Recently written times: a message writes each alert's start, and alerts share starts. */
const written = new Map<number, string>();
const WRITTEN_KEPT = 4096;

/**
 * Epoch milliseconds as the API and messages write them. The alerts of one Prometheus evaluation
 * share their start, and are told in many groups, so most times were written just before.
 */
export function isoTime(ms: number): string {
  let iso = written.get(ms);
  if (iso === undefined) {
    if (written.size >= WRITTEN_KEPT) written.clear();
    iso = new Date(ms).toISOString();
    written.set(ms, iso);
  }
  return iso;
}
