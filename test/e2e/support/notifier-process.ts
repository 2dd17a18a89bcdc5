/** `alertforge notifier` as a user runs it: the CLI in its own process, on a free port. */
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { NotifierConfigInput } from '../../../src/runtime/config/schema.ts';
import type { GroupView } from '../../../src/runtime/notifier.ts';
import { startProcess, type RunningProcess } from './process.ts';

const CLI = join(import.meta.dirname, '../../../bin/alertforge.js');

/** A port free right now on 127.0.0.1 (for programs that cannot be told to pick one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The reason in an error's body: a JSON string from Alertmanager's v2 API, `{"error": ...}` from the notifier's own endpoints. */
export function errorMessage(body: unknown): string {
  if (typeof body === 'string') return body;
  const error = (body as { error?: unknown } | null)?.error;
  return typeof error === 'string' ? error : '';
}

export interface NotifierProcess {
  readonly process: RunningProcess;
  readonly url: string;
  readonly port: number;
}

export async function writeNotifierConfig(dir: string, config: NotifierConfigInput): Promise<string> {
  const file = join(dir, 'notifier.yaml');
  await writeFile(file, stringify(config));
  return file;
}

/** Starts the notifier on `port` (a free one by default) with the state file in `dir`. */
export async function startNotifierProcess(dir: string, configFile: string, options: { port?: number; env?: NodeJS.ProcessEnv; args?: readonly string[] } = {}): Promise<NotifierProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const process = await startProcess('notifier', globalThis.process.execPath, {
    args: [CLI, 'notifier', '--config', configFile, '--listen', `127.0.0.1:${port}`, '--state', join(dir, 'notifier.sqlite'), '--external-url', url, ...(options.args ?? [])],
    ...(options.env && { env: options.env }),
    ready: new URL(`${url}/-/ready`),
  });
  return { process, url, port };
}

/** GET /api/v1/groups: each group with its alerts, escalation, acknowledgement and delivery health. */
export async function notifierGroups(url: string): Promise<GroupView[]> {
  return (await (await fetch(`${url}/api/v1/groups`)).json()) as GroupView[];
}
