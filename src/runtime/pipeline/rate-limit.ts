/** Rate-limit stage: a token bucket per receiver; a message without a token waits for one. */
import type { Receiver } from '../config/schema.ts';
import { durationMs } from '../duration.ts';

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;
  private readonly msPerToken: number;

  constructor(private readonly limit: NonNullable<Receiver['rate_limit']>, now: number) {
    this.tokens = limit.burst;
    this.refilledAt = now;
    this.msPerToken = durationMs(limit.per) / limit.messages;
  }

  private refill(now: number): void {
    const earned = (now - this.refilledAt) / this.msPerToken;
    this.tokens = Math.min(this.limit.burst, this.tokens + earned);
    this.refilledAt = now;
  }

  /** Takes a token and returns 0, or returns how long until one is available. */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) * this.msPerToken);
  }
}
