/** Time as the notifier sees it: injected, so tests drive group waits and escalation delays. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
