/**
 * A Notifier as the tests drive it: a manual clock, a real SQLite file in a temp directory, real
 * channels delivering to local sinks. `after(ms)` moves time and runs what became due.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Channels } from '../../../src/runtime/channels/channels.ts';
import { notifierConfigSchema, type NotifierConfigInput } from '../../../src/runtime/config/schema.ts';
import { Notifier, type NotifierOptions } from '../../../src/runtime/notifier.ts';
import { SqliteStore } from '../../../src/runtime/store/sqlite-store.ts';
import { ManualClock } from './manual-clock.ts';

export interface NotifierFixture {
  readonly clock: ManualClock;
  notifier: Notifier;
  /** The current notifier's state file. */
  readonly store: SqliteStore;
  readonly dir: string;
  readonly log: string[];
  /** Moves the clock on by `ms` and runs everything due, deliveries included. */
  after(ms: number): Promise<void>;
  /** Starts a second notifier on the same state file once the first's writes have landed. */
  restart(): Promise<Notifier>;
  close(): Promise<void>;
}

export async function startNotifier(config: NotifierConfigInput, options: Partial<Pick<NotifierOptions, 'delivery' | 'random' | 'snapshotSlice'>> & { env?: NodeJS.ProcessEnv } = {}): Promise<NotifierFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'alertforge-notifier-'));
  const clock = new ManualClock();
  const stores: SqliteStore[] = [];
  const channels: Channels[] = [];
  const log: string[] = [];
  const make = () => {
    const store = new SqliteStore(join(dir, 'state.sqlite'));
    const channel = new Channels({ env: options.env ?? {}, print: () => {} });
    stores.push(store);
    channels.push(channel);
    return new Notifier({
      config: notifierConfigSchema.parse(config),
      store,
      channels: channel,
      clock,
      externalURL: 'http://notifier.test',
      random: options.random ?? (() => 0.5),
      log: (line) => log.push(line),
      ...(options.delivery && { delivery: options.delivery }),
      ...(options.snapshotSlice !== undefined && { snapshotSlice: options.snapshotSlice }),
    });
  };
  const fixture: NotifierFixture = {
    clock,
    notifier: make(),
    get store() {
      return stores.at(-1)!;
    },
    dir,
    log,
    async after(ms) {
      clock.advance(ms);
      await fixture.notifier.tick();
    },
    async restart() {
      await fixture.notifier.flushed();
      fixture.notifier = make();
      return fixture.notifier;
    },
    async close() {
      await fixture.notifier.flushed();
      for (const c of channels) await c.close();
      for (const s of stores) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
