/**
 * A state file per test, in a temporary directory of its own: `store()` opens a SqliteStore on it
 * (again, for a restart), and every store opened is closed and the directory removed after the test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Alert } from '../../../src/runtime/model/alert.ts';
import { SqliteStore } from '../../../src/runtime/store/sqlite-store.ts';

/** Writes alerts to the store as a snapshot of one slice does: staged, then put in place. */
export function putAlerts(store: SqliteStore, alerts: readonly Alert[]): void {
  store.stageAlerts(alerts);
  store.commitStagedAlerts();
}

export interface StateFileFixture {
  /** The test's directory; the state file is `file()` in it. */
  dir(): string;
  file(): string;
  store(): SqliteStore;
}

export function useStateFile(): StateFileFixture {
  let dir = '';
  const open: SqliteStore[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'alertforge-state-'));
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await rm(dir, { recursive: true, force: true });
  });
  const fixture: StateFileFixture = {
    dir: () => dir,
    file: () => join(dir, 'state.sqlite'),
    store() {
      const s = new SqliteStore(fixture.file());
      open.push(s);
      return s;
    },
  };
  return fixture;
}
