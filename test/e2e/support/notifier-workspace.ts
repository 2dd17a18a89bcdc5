/**
 * What a file of notifier tests shares: a temporary directory for state files and configs, and a
 * webhook sink; made before its tests, and removed after them with every process they started.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { HttpSink } from './http-sink.ts';
import { stopAllProcesses } from './process.ts';

export interface NotifierWorkspace {
  readonly dir: string;
  readonly sink: HttpSink;
}

/** Registers the hooks; the fields are there once the file's tests run. */
export function notifierWorkspace(name: string): NotifierWorkspace {
  let dir: string | undefined;
  let sink: HttpSink | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `alertforge-e2e-${name}-`));
    sink = await HttpSink.start();
  });
  afterAll(async () => {
    await stopAllProcesses();
    await sink?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir!;
    },
    get sink() {
      return sink!;
    },
  };
}
