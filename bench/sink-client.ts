/**
 * The benches' side of bench/webhook-sink.ts: starts the sink as a process of its own and asks it,
 * over IPC, when groups have arrived.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { SinkAnswer, SinkRequest } from './webhook-sink.ts';

export interface Sink {
  readonly url: string;
  /** The first message of each group, in the order they arrived. */
  firstMessages(): Promise<string[]>;
  /** Resolves to when `groups` distinct groups have arrived, on this process's performance.now() clock. */
  waitForAll(timeoutMs: number, groups: number): Promise<number>;
  /** From now on, answers every message with this status (a receiver down), or with 200 again (null); resolves to the messages refused so far. */
  failWith(status: number | null): Promise<number>;
  close(): Promise<void>;
}

/** Starts bench/webhook-sink.ts, which counts the distinct groups the webhook receiver has been told about. */
export async function startSink(): Promise<Sink> {
  // Under tsx, as the benches run: fork passes this process's loader flags on.
  const child = fork(join(import.meta.dirname, 'webhook-sink.ts'), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Answers of each kind in the order asked: one to wait for groups may come after later ones.
  const waiting = new Map<string, ((answer: SinkAnswer) => void)[]>();
  child.on('message', (answer: SinkAnswer) => waiting.get(Object.keys(answer)[0]!)?.shift()?.(answer));
  const ask = (kind: string, request: SinkRequest | undefined) =>
    new Promise<SinkAnswer>((resolve, reject) => {
      waiting.set(kind, [...(waiting.get(kind) ?? []), resolve]);
      child.once('exit', (code) => reject(new Error(`the webhook sink exited (${code})`)));
      if (request) child.send(request);
    });
  const { url } = (await ask('url', undefined)) as { url: string };
  return {
    url,
    firstMessages: async () => [...((await ask('firstMessages', { firstMessages: true })) as { firstMessages: string[] }).firstMessages],
    waitForAll: (timeoutMs, groups) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not all of ${groups} groups arrived in ${timeoutMs / 1000}s`)), timeoutMs)));
      const arrived = ask('arrivedAt', { waitFor: groups }).then((answer) => (answer as { arrivedAt: number }).arrivedAt - performance.timeOrigin);
      return Promise.race([arrived, timeout]).finally(() => clearTimeout(timer));
    },
    failWith: async (status) => ((await ask('refused', { failWith: status })) as { refused: number }).refused,
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
