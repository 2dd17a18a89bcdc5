/** A clock the test moves: group waits and escalation delays pass in an instant. */
import type { Clock } from '../../../src/runtime/clock.ts';

export class ManualClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
