import { metrics } from './service-metrics.ts';
import { SyncError } from './sync-error.ts';

/** A fixed-size pool of store connections; a connector holds one for each record it syncs. */
export class ConnectionPool {
  private inUse = 0;

  constructor(
    readonly name: string,
    readonly size: number,
  ) {
    metrics.poolConnectionsMax.set({ pool: name }, size);
    metrics.poolConnectionsInUse.set({ pool: name }, 0);
  }

  /** Runs `fn` holding a connection; with none free it fails as a timeout, as a real pool would. */
  async with<R>(fn: () => Promise<R>): Promise<R> {
    if (this.inUse >= this.size) throw new SyncError('timeout', `pool ${this.name} exhausted (${this.size} connections in use)`);
    this.inUse++;
    metrics.poolConnectionsInUse.set({ pool: this.name }, this.inUse);
    try {
      return await fn();
    } finally {
      this.inUse--;
      metrics.poolConnectionsInUse.set({ pool: this.name }, this.inUse);
    }
  }
}
