/**
 * The SQLite store: writes land through its writer thread in order, `committed()` says when, a
 * failed batch is reported and the store goes on, and what is committed is read back on restart.
 */
import { appendFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { putAlerts, useStateFile } from './state-file-fixture.ts';

const state = useStateFile();
const store = () => state.store();

const alert = (instance: string, endsAt: number) => ({
  fingerprint: `fp-${instance}`,
  labels: { alertname: 'HostDown', instance },
  annotations: { summary: `${instance} is down` },
  startsAt: 1_000,
  endsAt,
  timeout: false,
  generatorURL: '',
  updatedAt: 1_000,
});

it('reads back, in order, every write committed before a restart', async () => {
  const first = store();
  first.load();
  putAlerts(first, [alert('a', 5_000), alert('b', 5_000)]);
  putAlerts(first, [alert('a', 9_000)]);
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
  s.load();
  // A row the schema refuses (acked_by is NOT NULL), as a full disk or a broken file would be.
  s.putAck({ groupKey: 'g', by: null as unknown as string, at: 1 });
  await expect(s.committed()).rejects.toThrow(/state file refused a write: .*NOT NULL constraint failed: acks.acked_by/);
  s.putAck({ groupKey: 'g', by: 'alice', at: 5 });
  await s.committed();
  expect(store().load().acks).toEqual([{ groupKey: 'g', by: 'alice', at: 5 }]);
});

const segments = async () => (await readdir(state.dir())).filter((name) => name.includes('-ingest-')).sort();

it('keeps the ingest log in segment files beside the state file, each deleted once a committed snapshot covers it', async () => {
  const s = store();
  s.load();
  s.appendIngest(1, '[{"labels":{"alertname":"A"}}]');
  const b = s.appendIngest(2, '[{"labels":{"alertname":"B"}}]');
  expect(await segments()).toEqual(['state.sqlite-ingest-1.log']);
  // A snapshot covering b begins: c, received while it is written, goes to a new segment.
  s.rotateIngest();
  const c = s.appendIngest(3, '[{"labels":{"alertname":"C"}}]');
  s.truncateIngest(b);
  // Until the snapshot is committed, a restart must still find what it covers.
  expect(await segments()).toEqual(['state.sqlite-ingest-1.log', `state.sqlite-ingest-${c}.log`]);
  await s.committed();
  expect(await segments()).toEqual([`state.sqlite-ingest-${c}.log`]);
  expect(store().load().ingestLog).toEqual([{ id: c, receivedAt: 3, payload: '[{"labels":{"alertname":"C"}}]' }]);
});

it('reads no entry cut short by the process dying mid-write, and numbers new ones after the whole ones', async () => {
  const first = store();
  first.load();
  const a = first.appendIngest(1, '[{"labels":{"alertname":"A"}}]');
  await first.close();
  // What a kill in the middle of appending entry 2 leaves.
  await appendFile(join(state.dir(), 'state.sqlite-ingest-1.log'), `${a + 1} 2 30\n[{"labels":{"alert`);

  const second = store();
  expect(second.load().ingestLog.map((e) => e.id)).toEqual([a]);
  const b = second.appendIngest(3, '[{"labels":{"alertname":"B"}}]');
  expect(b).toBe(a + 1);
  await second.close();
  expect(store().load().ingestLog.map((e) => [e.id, e.receivedAt])).toEqual([
    [a, 1],
    [b, 3],
  ]);
});

it('replays the ingest log rows of a state file written before the log was a file', async () => {
  const old = new Database(state.file());
  old.exec('CREATE TABLE ingest_log (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, payload TEXT NOT NULL)');
  old.prepare('INSERT INTO ingest_log VALUES (?, ?, ?)').run(7, 1_000, '[{"labels":{"alertname":"Old"}}]');
  old.close();

  const s = store();
  expect(s.load().ingestLog).toEqual([{ id: 7, receivedAt: 1_000, payload: '[{"labels":{"alertname":"Old"}}]' }]);
  const next = s.appendIngest(2_000, '[]');
  expect(next).toBe(8);
  s.truncateIngest(next);
  await s.committed();
  expect(store().load().ingestLog).toEqual([]);
});

it('drops a segment holding only an entry cut short, and starts the next one under its name', async () => {
  const first = store();
  first.load();
  const a = first.appendIngest(1, '[]');
  await first.close();
  // A kill while appending the first entry of a new segment, just after a snapshot.
  await writeFile(join(state.dir(), `state.sqlite-ingest-${a + 1}.log`), `${a + 1} 2 30\n[{"labels"`);

  const second = store();
  expect(second.load().ingestLog.map((e) => e.id)).toEqual([a]);
  expect(await segments()).toEqual(['state.sqlite-ingest-1.log']);
  expect(second.appendIngest(3, '[{"labels":{"alertname":"B"}}]')).toBe(a + 1);
  await second.close();
  expect(store().load().ingestLog.map((e) => e.payload)).toEqual(['[]', '[{"labels":{"alertname":"B"}}]']);
});

it('reads and writes the outbox of a state file written before its entries kept what their channel knew', async () => {
  const old = new Database(state.file());
  old.exec(`CREATE TABLE outbox (id TEXT PRIMARY KEY, group_key TEXT NOT NULL, receiver TEXT NOT NULL, channel INTEGER NOT NULL,
    notification TEXT NOT NULL, attempts INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL, created_at INTEGER NOT NULL, last_error TEXT)`);
  old.prepare('INSERT INTO outbox VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run('old', 'g', 'team', 0, '{"alerts":[]}', 2, 5_000, 1_000, 'HTTP 503');
  old.close();

  const s = store();
  const [entry] = s.load().outbox;
  expect(entry).toMatchObject({ id: 'old', channel: '0', attempts: 2, toldBefore: undefined });
  const before = { groupKey: 'g', receiver: 'team', channel: 'webhook[0]', firing: ['fp-a'], resolved: [], sentAt: 1_000 };
  s.putOutbox({ ...entry!, id: 'new', channel: 'webhook[0]', createdAt: 2_000, toldBefore: before });
  s.putOutbox({ ...entry!, id: 'first', channel: 'webhook[0]', createdAt: 3_000, toldBefore: null });
  await s.committed();
  expect(store().load().outbox.map((e) => [e.id, e.toldBefore])).toEqual([['old', undefined], ['new', before], ['first', null]]);
});

it('reads and writes the alerts of a state file written before alerts kept whether their end came from resolve_timeout, or awaited a re-send', async () => {
  const old = new Database(state.file());
  old.exec(`CREATE TABLE alerts (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, labels TEXT NOT NULL, annotations TEXT NOT NULL,
    starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, generator_url TEXT NOT NULL, updated_at INTEGER NOT NULL)`);
  old.prepare('INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(1, 'fp-old', '{"alertname":"HostDown","instance":"old"}', '{}', 1_000, 9_000, '', 1_000);
  old.close();

  const s = store();
  expect(s.load().alerts).toEqual([expect.objectContaining({ labels: { alertname: 'HostDown', instance: 'old' }, endsAt: 9_000, timeout: false })]);
  expect(s.load().alerts[0]).not.toHaveProperty('awaitingUntil');
  putAlerts(s, [{ ...alert('new', 8_000), timeout: true, awaitingUntil: 12_000 }]);
  await s.committed();
  expect(store().load().alerts.map((a) => [a.labels.instance, a.timeout, a.awaitingUntil])).toEqual([['old', false, undefined], ['new', true, 12_000]]);
});

it('leaves the alerts table as the version before wrote it, so that version can be rolled back to', async () => {
  const s = store();
  s.load();
  putAlerts(s, [{ ...alert('a', 8_000), awaitingUntil: 12_000 }, alert('b', 8_000)]);
  await s.committed();
  // That version's insert, which names no columns.
  const before = new Database(state.file());
  before.prepare('INSERT OR REPLACE INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(99, 'fp-c', '{"alertname":"HostDown","instance":"c"}', '{}', 1_000, 9_000, '', 1_000, 0);
  before.close();
  // Written again without its mark (re-sent), the alert awaits no longer.
  putAlerts(s, [alert('a', 8_000)]);
  await s.committed();
  expect(store().load().alerts.map((a) => [a.labels.instance, a.awaitingUntil])).toEqual([['a', undefined], ['b', undefined], ['c', undefined]]);
});

it('reads the outbox back in the order its entries were made, those of one instant too, however often each was updated', async () => {
  const s = store();
  s.load();
  const notification = (groupKey: string) => ({ groupKey, groupId: groupKey, receiver: 'team', status: 'firing' as const, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, alerts: [], externalURL: '', links: {} });
  const entry = (id: string, attempts: number) => ({ id, groupKey: `g-${id}`, receiver: 'team', channel: 'webhook[0]', notification: notification(`g-${id}`), attempts, nextAttemptAt: 5_000, createdAt: 1_000, lastError: undefined, toldBefore: null });
  // Ids against the order made, as random UUIDs often are; the first is retried after the others.
  for (const id of ['c', 'b', 'a']) s.putOutbox(entry(id, 0));
  s.putOutbox(entry('c', 1));
  await s.committed();
  expect(store().load().outbox.map((e) => [e.id, e.attempts])).toEqual([['c', 1], ['b', 0], ['a', 0]]);
});

it('once its writer is gone, fails every commit and keeps no write it could never make', async () => {
  const s = store();
  s.load();
  await (s as unknown as { writer: { terminate(): Promise<number> } }).writer.terminate();
  await expect(s.committed()).rejects.toThrow(/the state file's writer exited/);
  // As a notifier's ticks keep trying snapshots: nothing piles up in memory.
  for (let i = 0; i < 1_000; i++) s.putAck({ groupKey: `g${i}`, by: 'alice', at: i });
  expect((s as unknown as { queued: unknown[] }).queued).toEqual([]);
  await expect(s.committed()).rejects.toThrow(/the state file's writer exited/);
});
