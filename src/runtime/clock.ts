/** Time as the notifier sees it: injected, so tests drive group waits and escalation delays. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Epoch milliseconds as the API and messages write them. */
export const isoTime = (ms: number): string => new Date(ms).toISOString();
