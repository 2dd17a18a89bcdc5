/** The deliver stage's policies: backoff with jitter, the circuit breaker and the rate limit bucket. */
import { expect, it } from 'vitest';
import { backoffMs } from '../../../src/runtime/pipeline/backoff.ts';
import { CircuitBreaker } from '../../../src/runtime/pipeline/circuit-breaker.ts';
import { TokenBucket } from '../../../src/runtime/pipeline/rate-limit.ts';

it('backs off exponentially, jittered within the ceiling, never past the maximum', () => {
  const policy = { baseMs: 1000, maxMs: 60_000 };
  expect([1, 2, 3, 4].map((n) => backoffMs(policy, n, 1))).toEqual([1000, 2000, 4000, 8000]);
  expect(backoffMs(policy, 3, 0)).toBe(2000);
  expect(backoffMs(policy, 30, 1)).toBe(60_000);
});

it('opens the breaker after repeated failures, lets one trial through after the cooldown, closes on success', () => {
  const breaker = new CircuitBreaker({ threshold: 3, cooldownMs: 10_000, maxCooldownMs: 60_000 });
  for (let i = 0; i < 3; i++) breaker.failed(0);
  expect(breaker.state(5000)).toBe('open');
  expect(breaker.waitMs(5000)).toBe(5000);
  expect(breaker.waitMs(10_000)).toBe(0);
  // Asking claims nothing; a delivery starting is the trial, and the others wait for it.
  expect(breaker.waitMs(10_000)).toBe(0);
  breaker.starting(10_000);
  expect(breaker.waitMs(10_000)).toBeGreaterThan(0);
  breaker.failed(10_000);
  // A failed trial doubles the cooldown.
  expect(breaker.waitMs(25_000)).toBe(5000);
  expect(breaker.waitMs(30_000)).toBe(0);
  // A trial the receiver deferred (a 429) gives no verdict: the next delivery is the trial.
  breaker.starting(30_000);
  breaker.deferred();
  expect(breaker.waitMs(30_000)).toBe(0);
  // Closing an open breaker says so: what it held back may go.
  expect(breaker.succeeded()).toBe(true);
  expect(breaker.state(30_000)).toBe('closed');
  expect(breaker.succeeded()).toBe(false);
});

it('allows a burst, then one message per interval', () => {
  const bucket = new TokenBucket({ messages: 10, per: '1m', burst: 2 }, 0);
  expect([bucket.take(0), bucket.take(0)]).toEqual([0, 0]);
  expect(bucket.take(0)).toBe(6000);
  expect(bucket.take(6000)).toBe(0);
});
