/**
 * A state file from before fingerprints were Alertmanager's: every id it holds is written again,
 * once, in its alerts, notification log and outbox, those of alerts only its ingest log holds
 * included.
 */
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { fingerprint } from '../../../src/runtime/model/labels.ts';
import type { Notification } from '../../../src/runtime/notification.ts';
import { legacyFingerprint } from '../../../src/runtime/store/fingerprint-migration.ts';
import { putAlerts, useStateFile } from './state-file-fixture.ts';

const stateFile = useStateFile();
const store = () => stateFile.store();

it('computes the ids earlier versions wrote', () => {
  // As the test of those versions pinned them.
  expect(legacyFingerprint({ alertname: 'SyncErrorRateHigh', connector: 'crm', severity: 'page' })).toBe('17ec952369d0ec60');
  expect(legacyFingerprint({ severity: 'page', connector: 'crm', alertname: 'SyncErrorRateHigh' })).toBe('17ec952369d0ec60');
  expect(legacyFingerprint({ alertname: 'Watchdog' })).toBe('d7e65accb4f0d28b');
  expect(legacyFingerprint({ alertname: 'Ünïcode', job: '東京' })).toBe('230fbe32f41b0547');
  expect(legacyFingerprint({ a: 'bc' })).toBe('592154577c18a18a');
  expect(legacyFingerprint({})).toBe('488bdcb81aee8d83');
});

const alert = (instance: string) => ({
  fingerprint: legacyFingerprint({ alertname: 'HostDown', instance }),
  labels: { alertname: 'HostDown', instance },
  annotations: {},
  startsAt: 1_000,
  endsAt: 9_000,
  timeout: false,
  generatorURL: '',
  updatedAt: 1_000,
});

it("gives a file from before the new ids, in its alerts, notification log and outbox, those of alerts only its ingest log holds included, once", async () => {
  const [a, b, c] = [alert('a'), alert('b'), alert('c')];
  const older = store();
  older.load();
  putAlerts(older, [a, b]);
  // Received since the last snapshot, and told already; an empty label is no label.
  older.appendIngest(1_500, JSON.stringify([{ labels: { ...c.labels, team: '' } }]));
  const told = { groupKey: 'g', receiver: 'team', channel: 'webhook[0]', firing: [a.fingerprint, b.fingerprint, c.fingerprint], resolved: ['gone'], sentAt: 2_000 };
  older.putLogEntry(told);
  const notification = { groupKey: 'g', alerts: [{ status: 'firing', labels: a.labels, fingerprint: a.fingerprint }] } as unknown as Notification;
  older.putOutbox({ id: 'm', groupKey: 'g', receiver: 'team', channel: 'webhook[0]', notification, attempts: 1, nextAttemptAt: 2_000, createdAt: 1_000, lastError: undefined, toldBefore: told });
  await older.close();
  // What an earlier version left: the same tables, without the row saying which fingerprints.
  const file = new Database(stateFile.file());
  expect(file.prepare('DELETE FROM meta WHERE name = ?').run('fingerprints').changes).toBe(1);
  file.close();

  const [newA, newB, newC] = [a, b, c].map((x) => fingerprint(x.labels));
  const migrated = { ...told, firing: [newA, newB, newC] };
  const upgraded = store();
  const state = upgraded.load();
  expect(state.alerts.map((x) => [x.fingerprint, x.labels.instance])).toEqual([
    [newA, 'a'],
    [newB, 'b'],
  ]);
  expect(state.ingestLog).toHaveLength(1);
  expect(state.notificationLog).toEqual([migrated]);
  expect(state.outbox.map((m) => [m.notification.alerts.map((x) => x.fingerprint), m.toldBefore])).toEqual([[[newA], migrated]]);

  // Once: an id written after the upgrade is not computed again at the next start.
  upgraded.putLogEntry({ ...migrated, firing: ['kept'] });
  await upgraded.close();
  expect(store().load().notificationLog.map((e) => e.firing)).toEqual([['kept']]);
});
