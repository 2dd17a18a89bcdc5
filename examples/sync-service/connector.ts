import { setTimeout as sleep } from 'node:timers/promises';
import type { ConflictResolution } from './conflict-resolution.ts';
import type { ConnectionPool } from './connection-pool.ts';
import { NO_FAULTS, type Faults } from './faults.ts';
import type { RecordStore, StoredRecord } from './record-store.ts';
import { metrics, syncTimer } from './service-metrics.ts';
import { SyncError } from './sync-error.ts';
import { SyncQueue } from './sync-queue.ts';

/** How many queued records a connector syncs at once, each on its own pooled connection. */
const WORKERS = 4;

const timed = (operation: string) => syncTimer.method(operation, (connector: Connector) => ({ connector: connector.name }));

/** Syncs changed records from a source store to a target store, through a queue. */
export class Connector {
  readonly queue: SyncQueue;
  faults: Faults = NO_FAULTS;
  /** The version of each record as last written to the target: a different one there is a conflict. */
  private readonly synced = new Map<string, number>();
  private changes = 0;

  constructor(
    readonly name: string,
    private readonly source: RecordStore,
    private readonly target: RecordStore,
    private readonly pool: ConnectionPool,
    readonly conflicts: ConflictResolution,
  ) {
    this.queue = new SyncQueue(name);
    metrics.activeJobs.set({ connector: name }, 0);
  }

  /** `count` records change at the source; with the conflict fault, some change at the target too. */
  change(count: number): void {
    for (let i = 0; i < count; i++) {
      const id = `${this.name}-${this.changes++ % 500}`;
      const version = Date.now();
      this.source.put({ id, payload: `record ${id} at ${version}`, version });
      if (Math.random() < this.faults.conflictRate) this.target.put({ id, payload: `edited at the target at ${version}`, version: version + 1 });
      this.queue.push(id);
    }
  }

  /** Syncs up to `size` queued records; failed ones go back on the queue to be retried. */
  async syncBatch(size: number): Promise<void> {
    const ids = this.queue.take(size);
    metrics.activeJobs.set({ connector: this.name }, ids.length > 0 ? 1 : 0);
    const worker = async () => {
      for (let id = ids.shift(); id !== undefined; id = ids.shift()) {
        const record = id;
        // The timer has counted the failure; the record waits for the next batch, as a real retry would.
        await this.pool.with(async () => this.write(await this.read(record))).catch(() => this.queue.push(record));
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    metrics.activeJobs.set({ connector: this.name }, this.queue.depth > 0 ? 1 : 0);
  }

  @timed('read')
  async read(id: string): Promise<StoredRecord> {
    await this.hazard('read');
    const record = this.source.get(id);
    if (!record) throw new SyncError('remote', `record ${id} vanished from ${this.source.name}`);
    this.count('inbound', record);
    return record;
  }

  @timed('write')
  async write(record: StoredRecord): Promise<void> {
    await this.hazard('write');
    const current = this.target.get(record.id);
    if (current && current.version !== this.synced.get(record.id)) {
      this.conflicts.detect(record, current);
    } else {
      this.target.put(record);
    }
    this.synced.set(record.id, this.target.get(record.id)!.version);
    this.count('outbound', record);
    metrics.lastSuccess.set({ connector: this.name }, Date.now() / 1000);
  }

  /** A store's usual latency, plus the injected latency and errors. */
  private async hazard(operation: string): Promise<void> {
    await sleep(2 + Math.random() * 8 + this.faults.latencyMs);
    if (Math.random() < this.faults.errorRate) throw new SyncError(this.faults.errorType, `${operation} failed: injected ${this.faults.errorType}`);
  }

  private count(direction: 'inbound' | 'outbound', record: StoredRecord): void {
    metrics.syncRecords.inc({ connector: this.name, direction });
    metrics.syncBytes.inc({ connector: this.name, direction }, Buffer.byteLength(record.payload));
  }
}
