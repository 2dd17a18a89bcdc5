import type { RecordStore, StoredRecord } from './record-store.ts';
import { metrics } from './service-metrics.ts';

/** How a connector settles a record changed at both ends since the last sync. */
export const STRATEGIES = ['last_writer_wins', 'manual'] as const;
export type Strategy = (typeof STRATEGIES)[number];

interface Conflict {
  readonly incoming: StoredRecord;
  readonly current: StoredRecord;
  readonly detectedAt: number;
}

/**
 * A connector's conflicts: last_writer_wins settles each at once by version; manual holds them
 * until someone resolves them (POST /connectors/{name}/conflicts/resolve), as sync_conflicts_unresolved.
 */
export class ConflictResolution {
  private readonly held = new Map<string, Conflict>();

  constructor(
    private readonly connector: string,
    readonly strategy: Strategy,
    private readonly target: RecordStore,
  ) {
    this.report();
  }

  /** A write found the target changed meanwhile. */
  detect(incoming: StoredRecord, current: StoredRecord): void {
    metrics.conflicts.inc({ connector: this.connector, strategy: this.strategy });
    const conflict = { incoming, current, detectedAt: Date.now() };
    if (this.strategy === 'last_writer_wins') {
      this.settle(conflict, incoming.version >= current.version ? incoming : current);
    } else {
      this.held.set(incoming.id, conflict);
      this.report();
    }
  }

  /** Settles every held conflict in favour of the source's record; returns how many. */
  resolveHeld(): number {
    const conflicts = [...this.held.values()];
    this.held.clear();
    for (const conflict of conflicts) this.settle(conflict, conflict.incoming);
    this.report();
    return conflicts.length;
  }

  get unresolved(): number {
    return this.held.size;
  }

  private settle(conflict: Conflict, winner: StoredRecord): void {
    this.target.put(winner);
    const labels = { connector: this.connector, strategy: this.strategy };
    metrics.conflictsResolved.inc(labels);
    metrics.conflictResolutionDuration.observe(labels, (Date.now() - conflict.detectedAt) / 1000);
  }

  private report(): void {
    metrics.conflictsUnresolved.set({ connector: this.connector }, this.held.size);
  }
}
