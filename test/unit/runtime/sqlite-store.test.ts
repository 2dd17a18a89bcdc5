/**
 * The SQLite store: writes land through its writer thread in order, `committed()` says when, a
 * failed batch is reported and the store goes on, and what is committed is read back on restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/runtime/store/sqlite-store.ts';

let dir: string;
const open: SqliteStore[] = [];
const store = () => {
  const s = new SqliteStore(join(dir, 'state.sqlite'));
  open.push(s);
  return s;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alertforge-store-'));
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  await rm(dir, { recursive: true, force: true });
});

const alert = (instance: string, endsAt: number) => ({
  fingerprint: `fp-${instance}`,
  labels: { alertname: 'HostDown', instance },
  annotations: { summary: `${instance} is down` },
  startsAt: 1_000,
  endsAt,
  generatorURL: '',
  updatedAt: 1_000,
});

it('reads back, in order, every write committed before a restart', async () => {
  const first = store();
  first.load();
  first.putAlerts([alert('a', 5_000), alert('b', 5_000)]);
  first.putAlerts([alert('a', 9_000)]);
  first.deleteAlerts(['fp-b']);
  const id = first.appendIngest(2_000, '[{"labels":{"alertname":"X"}}]');
  first.putGroup({ key: '{}:{alertname="HostDown"}', createdAt: 1_000, nextFlushAt: 31_000, firstNotifiedAt: undefined });
  await first.committed();

  const state = store().load();
  expect(state.alerts.map((a) => [a.fingerprint, a.endsAt])).toEqual([['fp-a', 9_000]]);
  expect(state.ingestLog).toEqual([{ id, receivedAt: 2_000, payload: '[{"labels":{"alertname":"X"}}]' }]);
  expect(state.groups).toEqual([{ key: '{}:{alertname="HostDown"}', createdAt: 1_000, nextFlushAt: 31_000, firstNotifiedAt: undefined }]);
});

it('forgets the ingest log up to a snapshot, and numbers new entries after those kept', async () => {
  const first = store();
  first.load();
  const a = first.appendIngest(1, '[]');
  const b = first.appendIngest(2, '[]');
  first.truncateIngest(a);
  await first.committed();
  await first.close();

  const second = store();
  expect(second.load().ingestLog.map((e) => e.id)).toEqual([b]);
  expect(second.appendIngest(3, '[]')).toBeGreaterThan(b);
  await second.committed();
});

it('rejects the commit of a batch the file refuses, and commits the next one', async () => {
  const s = store();
  const other = store();
  s.load();
  other.load();
  s.appendIngest(1, '[]');
  await s.committed();
  // Both started from an empty log, so the other hands out the same id: the file refuses it.
  other.appendIngest(2, '[]');
  await expect(other.committed()).rejects.toThrow(/state file refused a write: .*UNIQUE constraint failed: ingest_log.id/);
  other.putAck({ groupKey: 'g', by: 'alice', at: 5 });
  await other.committed();
  const state = store().load();
  expect(state.acks).toEqual([{ groupKey: 'g', by: 'alice', at: 5 }]);
  expect(state.ingestLog.map((e) => e.receivedAt)).toEqual([1]);
});
