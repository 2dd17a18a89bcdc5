import { metrics } from './service-metrics.ts';

/** Changed record ids waiting to be synced, first in first out, exported as sync_queue_depth. */
export class SyncQueue {
  private readonly ids: string[] = [];

  constructor(private readonly connector: string) {
    this.report();
  }

  push(...ids: string[]): void {
    this.ids.push(...ids);
    this.report();
  }

  /** Takes up to `count` ids off the front. */
  take(count: number): string[] {
    const taken = this.ids.splice(0, count);
    this.report();
    return taken;
  }

  get depth(): number {
    return this.ids.length;
  }

  private report(): void {
    metrics.queueDepth.set({ connector: this.connector }, this.ids.length);
  }
}
