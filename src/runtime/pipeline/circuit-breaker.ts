/**
 * A circuit breaker per receiver channel: after `threshold` consecutive failures it opens and
 * deliveries wait out a cooldown instead of hammering a receiver that is down; then one trial
 * delivery decides whether it closes or stays open for a longer cooldown.
 */

export interface BreakerPolicy {
  readonly threshold: number;
  readonly cooldownMs: number;
  readonly maxCooldownMs: number;
}

/**
 * At most a minute between trials, the longest a message backs off: a receiver back after a long
 * outage is found within a minute, and what was held back for it then goes at once.
 */
export const DEFAULT_BREAKER: BreakerPolicy = { threshold: 5, cooldownMs: 10_000, maxCooldownMs: 60_000 };

export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openUntil = 0;
  private cooldownMs: number;
  private trialInFlight = false;

  constructor(private readonly policy: BreakerPolicy) {
    this.cooldownMs = policy.cooldownMs;
  }

  state(now: number): BreakerState {
    if (this.failures < this.policy.threshold) return 'closed';
    return now < this.openUntil ? 'open' : 'half-open';
  }

  /** 0 when a delivery may go now, else how long to wait. Asking claims nothing: see `starting`. */
  waitMs(now: number): number {
    const state = this.state(now);
    if (state === 'closed') return 0;
    if (state === 'open') return this.openUntil - now;
    return this.trialInFlight ? this.cooldownMs : 0;
  }

  /**
   * A delivery the breaker let through is being sent: half-open, it is the trial, and others wait
   * for its outcome. Claimed only once nothing else (a rate limit) holds it back, so that a trial
   * never sent cannot hold the channel for ever.
   */
  starting(now: number): void {
    if (this.state(now) === 'half-open') this.trialInFlight = true;
  }

  /** The delivery was not sent after all (the receiver asked to wait, a 429): no verdict, and the next may try. */
  deferred(): void {
    this.trialInFlight = false;
  }

  /** Closes the breaker; returns whether it had been open, so that what it held back may go. */
  succeeded(): boolean {
    const wasOpen = this.failures >= this.policy.threshold;
    this.failures = 0;
    this.cooldownMs = this.policy.cooldownMs;
    this.trialInFlight = false;
    return wasOpen;
  }

  failed(now: number): void {
    const wasTrial = this.trialInFlight;
    this.trialInFlight = false;
    this.failures++;
    if (this.failures < this.policy.threshold) return;
    if (wasTrial) this.cooldownMs = Math.min(this.policy.maxCooldownMs, this.cooldownMs * 2);
    this.openUntil = now + this.cooldownMs;
  }

  consecutiveFailures(): number {
    return this.failures;
  }
}
