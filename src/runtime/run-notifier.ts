/**
 * Starts the notifier as `alertforge notifier` runs it: config, SQLite store, channels, pipeline,
 * scheduler and HTTP API; reload on SIGHUP; a clean stop on SIGTERM and SIGINT.
 */
import { createServer } from 'node:http';
import { Channels } from './channels/channels.ts';
import { systemClock, type Clock } from './clock.ts';
import { ConfigError, loadNotifierConfig } from './config/load-config.ts';
import { BearerAuth } from './api/auth.ts';
import { createApi, listen } from './api/server.ts';
import { Notifier } from './notifier.ts';
import type { DeliveryPolicy } from './pipeline/deliver.ts';
import { Scheduler } from './scheduler.ts';
import { SqliteStore } from './store/sqlite-store.ts';
import { lockStateFile, type StateLock } from './store/state-lock.ts';

export interface RunOptions {
  readonly configFile: string;
  readonly host: string;
  readonly port: number;
  readonly stateFile: string;
  /** Base of the links in messages; default http://<listen address>. */
  readonly externalURL?: string;
  /** Set for the development preset: deliver to the console and this file. */
  readonly developmentFile?: string;
  readonly apiToken?: string;
  readonly ingestRequiresToken: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly log: (line: string) => void;
  readonly clock?: Clock;
  readonly delivery?: Partial<DeliveryPolicy>;
}

export interface RunningNotifier {
  readonly url: string;
  readonly notifier: Notifier;
  /** Reloads the config file; resolves to why it was refused, or undefined. */
  reload(): Promise<string | undefined>;
  stop(): Promise<void>;
}

/** The store on the locked state file; if the file cannot be used, the lock goes too, so that the caller may try again. */
function openStore(stateFile: string, lock: StateLock): SqliteStore {
  try {
    return new SqliteStore(stateFile);
  } catch (error) {
    lock.release();
    throw error;
  }
}

export async function runNotifier(options: RunOptions): Promise<RunningNotifier> {
  const clock = options.clock ?? systemClock;
  let config = await loadNotifierConfig(options.configFile);
  const lock = lockStateFile(options.stateFile);
  const store = openStore(options.stateFile, lock);
  const channels = new Channels({ env: options.env, print: (t) => options.log(t.trimEnd()), ...(options.developmentFile !== undefined && { developmentFile: options.developmentFile }) });
  // Listening first: with port 0 the links in messages need the port actually bound.
  const server = createServer();
  let scheduler: Scheduler | undefined;
  try {
    const address = await listen(server, options.host, options.port);
    const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
    const notifier = new Notifier({ config, store, channels, clock, externalURL: options.externalURL ?? url, log: options.log, ...(options.delivery && { delivery: options.delivery }) });
    const reportMissingSecrets = () => channels.missingSecrets(config).forEach((line) => options.log(line));
    reportMissingSecrets();
    const reload = async (): Promise<string | undefined> => {
      try {
        config = await loadNotifierConfig(options.configFile);
        notifier.reload(config);
        notifier.metrics.configReloadSuccessful.set(1);
        options.log(`config reloaded from ${options.configFile}`);
        reportMissingSecrets();
        return undefined;
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        notifier.metrics.configReloadSuccessful.set(0);
        options.log(`config reload refused, the running config is kept:\n${error.message}`);
        return error.message;
      }
    };
    const auth = new BearerAuth(options.apiToken);
    if (!auth.enabled) options.log('ALERTFORGE_API_TOKEN is not set: silences, acknowledgements and reload are open to anyone who can reach the API');
    server.on('request', createApi({ notifier, auth, ingestRequiresToken: options.ingestRequiresToken, clock, startedAt: clock.now(), configFile: options.configFile, reload, log: options.log }));
    // Not awaited: nothing waits for it, and a failure only leaves the first messages slower.
    channels.warmUp(`${url}/-/healthy`).catch((error: unknown) => options.log(`could not ready the HTTP channels' client: ${String(error)}`));
    scheduler = new Scheduler(notifier, clock, options.log);
    scheduler.start();
    const ticking = scheduler;
    return {
      url,
      notifier,
      reload,
      async stop() {
        ticking.stop();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await notifier.flushed();
        await channels.close();
        await store.close();
        lock.release();
      },
    };
  } catch (error) {
    scheduler?.stop();
    server.close();
    await channels.close();
    await store.close();
    lock.release();
    throw error;
  }
}
