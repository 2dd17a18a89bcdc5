/**
 * Directories for the programs an e2e test file starts: one per file, removed after it, and a
 * fresh one per case, so that no case reads another's state; every program a test started is
 * stopped after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { stopAllProcesses } from './process.ts';

/** Registers the file's hooks; the function it returns makes a case's directory. */
export function caseDirs(name: string): () => Promise<string> {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `alertforge-e2e-${name}-`));
  });
  afterEach(() => stopAllProcesses());
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return () => mkdtemp(join(dir, 'case-'));
}
