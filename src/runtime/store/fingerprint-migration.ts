/**
 * Fingerprints are Alertmanager's since state files record which ones they hold. A file from
 * before holds its alerts under ids of the notifier's own, as do the notification log (what each
 * channel was told) and the outbox (messages waiting): read as they are, every alert re-sent after
 * the upgrade would be a stranger to the same alert held, its group told it again, and the alert
 * held told resolved once it timed out. So, once, at startup, every id is written again as
 * computed now from the alert's labels.
 */
import type { Database as Db } from 'better-sqlite3';
import { fingerprint, type Labels } from '../model/labels.ts';

/** The meta row naming how the file's fingerprints were computed. */
export const FINGERPRINTS = 'fingerprints';
export const ALERTMANAGER_FINGERPRINTS = 'alertmanager';

interface IdLists {
  firing: string[];
  resolved: string[];
}

/** Rewrites the fingerprints of a state file written before they were Alertmanager's; a file already so is left alone. */
export function migrateFingerprints(db: Db): void {
  const row = db.prepare('SELECT value FROM meta WHERE name = ?').get(FINGERPRINTS) as { value: string } | undefined;
  if (row?.value === ALERTMANAGER_FINGERPRINTS) return;
  db.transaction(() => {
    const renamed = new Map<string, string>();
    const alerts = db.prepare('SELECT id, fingerprint, labels FROM alerts').all() as { id: number; fingerprint: string; labels: string }[];
    const setAlert = db.prepare('UPDATE alerts SET fingerprint = ? WHERE id = ?');
    for (const alert of alerts) {
      const id = fingerprint(JSON.parse(alert.labels) as Labels);
      renamed.set(alert.fingerprint, id);
      setAlert.run(id, alert.id);
    }
    // An id of an alert no longer held is left as it was: nothing will match it, as nothing would have.
    const rename = (ids: readonly string[]) => ids.map((id) => renamed.get(id) ?? id);

    const entries = db.prepare('SELECT rowid, firing, resolved FROM notification_log').all() as { rowid: number; firing: string; resolved: string }[];
    const setEntry = db.prepare('UPDATE notification_log SET firing = ?, resolved = ? WHERE rowid = ?');
    for (const entry of entries) {
      setEntry.run(JSON.stringify(rename(JSON.parse(entry.firing))), JSON.stringify(rename(JSON.parse(entry.resolved))), entry.rowid);
    }

    const waiting = db.prepare('SELECT id, notification, told_before FROM outbox').all() as { id: string; notification: string; told_before: string | null }[];
    const setWaiting = db.prepare('UPDATE outbox SET notification = ?, told_before = ? WHERE id = ?');
    for (const message of waiting) {
      // The message's alerts carry their labels: each id is computed again, whether still held or not.
      const notification = JSON.parse(message.notification) as { alerts?: { labels: Labels; fingerprint: string }[] };
      for (const alert of notification.alerts ?? []) alert.fingerprint = fingerprint(alert.labels);
      const toldBefore = message.told_before === null ? null : (JSON.parse(message.told_before) as IdLists | null);
      if (toldBefore) {
        toldBefore.firing = rename(toldBefore.firing);
        toldBefore.resolved = rename(toldBefore.resolved);
      }
      setWaiting.run(JSON.stringify(notification), message.told_before === null ? null : JSON.stringify(toldBefore), message.id);
    }
    db.prepare('INSERT OR REPLACE INTO meta VALUES (?, ?)').run(FINGERPRINTS, ALERTMANAGER_FINGERPRINTS);
  })();
}
