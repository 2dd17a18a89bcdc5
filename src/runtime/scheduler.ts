/**
 * Runs the notifier in real time: a tick whenever something is due (a group flush, an escalation
 * step, a delivery), and at least once a second so nothing waits on a missed wake-up.
 */
import type { Clock } from './clock.ts';
import type { Notifier } from './notifier.ts';

const MAX_SLEEP_MS = 1000;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  private stopped = false;

  constructor(
    private readonly notifier: Notifier,
    private readonly clock: Clock,
    private readonly log: (line: string) => void,
  ) {
    notifier.onChange = () => this.schedule();
  }

  start(): void {
    this.schedule();
  }

  /** Sets the timer for the next due time, unless one is already set for sooner. */
  schedule(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    // A run is about to start and schedules the next one itself.
    if (this.timer && this.timerAt <= now) return;
    const at = Math.min(this.notifier.nextDueAt(), now + MAX_SLEEP_MS);
    if (this.timer && this.timerAt <= at) return;
    clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => this.run(), Math.max(0, at - now));
  }

  private run(): void {
    this.timer = undefined;
    this.timerAt = Infinity;
    try {
      this.notifier.tick().catch((error: unknown) => this.log(`delivery error: ${String(error)}`));
    } catch (error) {
      this.log(`pipeline error: ${(error as Error).stack ?? String(error)}`);
    }
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
