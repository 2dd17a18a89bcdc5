/**
 * Runs the notifier in real time: a tick whenever something is due (a group flush, an escalation
 * step, a delivery), and at least once a second so nothing waits on a missed wake-up.
 */
import type { Clock } from './clock.ts';
import type { Notifier } from './notifier.ts';

const MAX_SLEEP_MS = 1000;

export class Scheduler {
  private cancel: (() => void) | undefined;
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
    if (this.cancel && this.timerAt <= now) return;
    const at = Math.min(this.notifier.nextDueAt(), now + MAX_SLEEP_MS);
    if (this.cancel && this.timerAt <= at) return;
    this.cancel?.();
    this.timerAt = at;
    // Work due now runs at the end of this turn of the event loop, not after the next one's I/O:
    // a delivery that settles makes room for the next without waiting behind a burst of ingest.
    if (at <= now) {
      const immediate = setImmediate(() => this.run());
      this.cancel = () => clearImmediate(immediate);
    } else {
      const timeout = setTimeout(() => this.run(), at - now);
      this.cancel = () => clearTimeout(timeout);
    }
  }

  private run(): void {
    this.cancel = undefined;
    this.timerAt = Infinity;
    try {
      this.notifier.tick().catch((error: unknown) => this.log(`delivery error: ${String(error)}`));
    } catch (error) {
      this.notifier.metrics.pipelineErrors.inc();
      this.log(`pipeline error: ${(error as Error).stack ?? String(error)}`);
    }
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
  }
}
