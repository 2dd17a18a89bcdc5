/**
 * A state file the notifier cannot use is refused with a StateFileUnusable naming the file, what
 * is wrong and what to do, and the file is left as it was; the state file's lock is let go, so
 * that the notifier can be started again once the file is dealt with.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runNotifier } from '../../../src/runtime/run-notifier.ts';
import { StateFileUnusable } from '../../../src/runtime/store/state-file-error.ts';
import { useStateFile } from './state-file-fixture.ts';

const state = useStateFile();

/** Opens and reads the state file as the notifier does at startup. */
const openAndLoad = () => state.store().load();

/** A state file holding enough silences to span many pages, closed (its WAL checkpointed into it). */
async function stateFileWithSilences(): Promise<Buffer> {
  const store = state.store();
  store.load();
  for (let i = 0; i < 500; i++) store.putSilence({ id: `s${i}`, matchers: [{ label: 'connector', op: '=', value: `c${i}` }], startsAt: 0, endsAt: 1, createdBy: 'alice', comment: 'x'.repeat(200), updatedAt: 0 });
  await store.close();
  return readFile(state.file());
}

it('refuses a file that is not a database, says what is lost by starting afresh, and leaves the file as it was', async () => {
  await writeFile(state.file(), 'garbage\n');
  expect(openAndLoad).toThrow(StateFileUnusable);
  expect(openAndLoad).toThrow(`the state file ${state.file()} is not a SQLite database (file is not a database)`);
  expect(openAndLoad).toThrow(/move it aside \(with state\.sqlite-wal and state\.sqlite-shm beside it, if there\).*forgets its silences, acknowledgements, escalations in progress and notifications not yet delivered/);
  expect(await readFile(state.file(), 'utf8')).toBe('garbage\n');
});

it('refuses a truncated copy as damaged, and leaves it as it was', async () => {
  const whole = await stateFileWithSilences();
  const truncated = whole.subarray(0, Math.floor(whole.length / 3));
  await writeFile(state.file(), truncated);
  expect(openAndLoad).toThrow(new RegExp(`^the state file ${state.file()} is damaged \\(database disk image is malformed\\)\\. Restore it from a backup`));
  expect((await readFile(state.file())).equals(truncated)).toBe(true);
});

it('refuses a file damaged past its first page when its tables are read', async () => {
  const whole = await stateFileWithSilences();
  // Page 1 (the schema) intact, the pages of the silences' table overwritten.
  const pageSize = whole.readUInt16BE(16);
  whole.fill(0xa5, 2 * pageSize, whole.length - pageSize);
  await writeFile(state.file(), whole);
  const store = state.store();
  expect(() => store.load()).toThrow(`the state file ${state.file()} is damaged`);
});

it('refuses a directory at the state file path', async () => {
  await mkdir(state.file());
  expect(openAndLoad).toThrow(`the state file ${state.file()} is a directory, not a file. Give --state the path of a file (it is created if missing), or move the directory away.`);
  expect((await stat(state.file())).isDirectory()).toBe(true);
});

/** Starts the notifier as the CLI does, with a config that loads, on `stateFile`. */
async function start(stateFile: string) {
  const configFile = join(state.dir(), 'notifier.yaml');
  await writeFile(configFile, 'route:\n  receiver: team\nreceivers:\n  - name: team\n    channels:\n      - type: webhook\n        url: http://127.0.0.1:1/hook\n');
  return runNotifier({ configFile, host: '127.0.0.1', port: 0, stateFile, ingestRequiresToken: false, env: {}, log: () => {} });
}

it('refuses a state file whose folder is a file, before taking the lock beside it', async () => {
  await writeFile(join(state.dir(), 'plain'), '');
  const file = join(state.dir(), 'plain', 'state.sqlite');
  await expect(start(file)).rejects.toThrow(`the state file ${file} cannot be created: part of its path is a file, not a folder`);
});

it('lets go of the lock when the state file cannot be used: started again, the notifier says what is wrong with the file, not that it is in use', async () => {
  await writeFile(state.file(), 'garbage\n');
  await expect(start(state.file())).rejects.toThrow(StateFileUnusable);
  await expect(start(state.file())).rejects.toThrow(StateFileUnusable);
});

it('refuses a state file deleted with its write-ahead log left, which would start empty or replay the stale log', async () => {
  await stateFileWithSilences();
  await writeFile(`${state.file()}-wal`, 'left behind');
  await rm(state.file());
  expect(openAndLoad).toThrow(`the state file ${state.file()} is missing, but its write-ahead log state.sqlite-wal is there: the file was deleted or moved without it. Put the file back, or move state.sqlite-wal and state.sqlite-shm aside to start with empty state`);
  expect(existsSync(state.file())).toBe(false);
});
