/** Retry delays: exponential with full jitter, so many failing deliveries do not retry in step. */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, maxMs: 60_000 };

/** Delay before attempt `attempt + 1` (attempt counts from 1); `random` in [0, 1). */
export function backoffMs(policy: BackoffPolicy, attempt: number, random: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  // Half fixed, half jitter: never retries at once, never sleeps past the ceiling.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
