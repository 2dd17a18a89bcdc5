import { ConflictResolution, type Strategy } from './conflict-resolution.ts';
import { ConnectionPool } from './connection-pool.ts';
import { Connector } from './connector.ts';
import { RecordStore } from './record-store.ts';
import { WebSocketSessions } from './websocket-sessions.ts';

const TICK_MS = 100;
/** Normal workload: changes a second at each connector's source. */
const CHANGES_PER_SECOND = 20;
/** Records each connector syncs per tick at most: its capacity, 10x the normal workload. */
const BATCH_SIZE = 20;

/** The connectors the example runs, one per strategy. */
const CONNECTORS: readonly { name: string; strategy: Strategy }[] = [
  { name: 'crm', strategy: 'last_writer_wins' },
  { name: 'billing', strategy: 'manual' },
];

/** The data sync service: connectors between pairs of stores, sharing one connection pool. */
export class SyncService {
  readonly connectors: ReadonlyMap<string, Connector>;
  private readonly sessions = new WebSocketSessions(40);
  private timer: NodeJS.Timeout | undefined;
  private tick: Promise<void> = Promise.resolve();

  constructor() {
    const pool = new ConnectionPool('primary', 10);
    this.connectors = new Map(
      CONNECTORS.map(({ name, strategy }) => {
        const target = new RecordStore(`${name}-target`);
        return [name, new Connector(name, new RecordStore(`${name}-source`), target, pool, new ConflictResolution(name, strategy, target))];
      }),
    );
  }

  start(): void {
    const loop = () => {
      this.tick = this.runTick().finally(() => {
        if (this.timer) this.timer = setTimeout(loop, TICK_MS);
      });
    };
    this.timer = setTimeout(loop, TICK_MS);
  }

  /** Stops the loop after the tick in flight. */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.tick;
  }

  private async runTick(): Promise<void> {
    this.sessions.churn();
    await Promise.all(
      [...this.connectors.values()].map((connector) => {
        connector.change(((CHANGES_PER_SECOND + connector.faults.backlogPerSecond) * TICK_MS) / 1000);
        return connector.syncBatch(BATCH_SIZE);
      }),
    );
  }
}
