/**
 * Since fingerprints became Alertmanager's, a state file says so in its meta row `fingerprints`.
 * A file from before holds its alerts under ids of the notifier's own (`legacyFingerprint`), as
 * do the notification log (what each channel was told) and the outbox (messages waiting): read as
 * they are, every alert re-sent after the upgrade would be a stranger to the same alert held, its
 * group told it again, and the alert held told resolved once it timed out. So, once, at startup,
 * every id is written again as computed now from the alert's labels.
 */
import type { Database as Db } from 'better-sqlite3';
import { fingerprint, type Labels } from '../model/labels.ts';
import { readPostableAlerts } from '../model/postable-alerts.ts';

/** The meta row naming how the file's fingerprints were computed. */
export const FINGERPRINTS = 'fingerprints';
export const ALERTMANAGER_FINGERPRINTS = 'alertmanager';

interface IdLists {
  firing: string[];
  resolved: string[];
}

/**
 * Rewrites the fingerprints of a state file written before they were Alertmanager's; a file
 * already so is left alone. `ingestLogged` are the request bodies the ingest log holds since the
 * last snapshot: alerts only they hold may have been told already.
 */
export function migrateFingerprints(db: Db, ingestLogged: readonly string[]): void {
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
    for (const labels of loggedLabelSets(ingestLogged)) renamed.set(legacyFingerprint(labels), fingerprint(labels));
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

/** The label sets of the alerts the ingest log's bodies hold, as ingest read them; a body it could not read is passed over, as replay passes it over. */
function loggedLabelSets(bodies: readonly string[]): Labels[] {
  return bodies.flatMap((body) => {
    try {
      const items: unknown = JSON.parse(body);
      return Array.isArray(items) ? readPostableAlerts(items, 0, 0).alerts.map((alert) => alert.labels) : [];
    } catch {
      return [];
    }
  });
}

/**
 * The notifier's own fingerprint before it took Alertmanager's: each name and value in name order,
 * each followed by 0xff, hashed by UTF-16 unit in two 32-bit multiply lanes mixed into 64 bits.
 */
export function legacyFingerprint(labels: Labels): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const text of Object.keys(labels)
    .sort()
    .flatMap((name) => [name, labels[name]!])) {
    for (let i = 0; i < text.length; i++) {
      h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x9e3779b1);
      h2 = Math.imul(h2 ^ text.charCodeAt(i), 0x5f356495);
    }
    h1 = Math.imul(h1 ^ 0xff, 0x9e3779b1);
    h2 = Math.imul(h2 ^ 0xff, 0x5f356495);
  }
  const f1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  const f2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b) ^ Math.imul(f1 ^ (f1 >>> 13), 0xc2b2ae35);
  return [f2, f1].map((word) => (word >>> 0).toString(16).padStart(8, '0')).join('');
}
