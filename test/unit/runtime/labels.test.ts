/**
 * Fingerprints are written to the state file (alerts, notification log, outbox) and computed
 * again for every alert received: a change in how they are computed would make every alert held
 * before an upgrade a stranger to the same alert re-sent after it.
 */
import { expect, it } from 'vitest';
import { commonLabels, compareLabelSets, fingerprint } from '../../../src/runtime/model/labels.ts';

it('computes the same fingerprints as every earlier version', () => {
  expect(fingerprint({ alertname: 'SyncErrorRateHigh', connector: 'crm', severity: 'page' })).toBe('17ec952369d0ec60');
  expect(fingerprint({ alertname: 'Watchdog' })).toBe('d7e65accb4f0d28b');
  expect(fingerprint({ alertname: 'Ünïcode', job: '東京' })).toBe('230fbe32f41b0547');
  expect(fingerprint({})).toBe('488bdcb81aee8d83');
});

it('does not depend on the order the labels come in', () => {
  expect(fingerprint({ severity: 'page', connector: 'crm', alertname: 'SyncErrorRateHigh' })).toBe('17ec952369d0ec60');
  expect(fingerprint({ b: '2', c: '3', a: '1' })).toBe(fingerprint({ a: '1', b: '2', c: '3' }));
});

it('tells apart label sets whose names and values run together', () => {
  expect(fingerprint({ a: 'bc' })).toBe('592154577c18a18a');
  expect(fingerprint({ ab: 'c' })).toBe('b1478fe655c58f1e');
  expect(fingerprint({ a: '', b: 'c' })).not.toBe(fingerprint({ a: 'b', c: '' }));
});

it('gives 100,000 alerts of one rule 100,000 fingerprints', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 100_000; i++) seen.add(fingerprint({ alertname: 'SyncStalled', instance: `host-${i}` }));
  expect(seen.size).toBe(100_000);
});

it('orders label sets as Prometheus does: fewer labels first, then at the first name in name order where they differ, the one without it or with the smaller value', () => {
  const sets: Record<string, string>[] = [{ a: '2' }, { a: '1', b: '1' }, { a: '1' }, { a: '1', c: '0' }, { a: '0', b: '9' }];
  expect([...sets].sort(compareLabelSets)).toEqual([{ a: '1' }, { a: '2' }, { a: '0', b: '9' }, { a: '1', c: '0' }, { a: '1', b: '1' }]);
  expect(compareLabelSets({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(0);
});

it('finds the common labels, a label named __proto__ among them', () => {
  const sets = [JSON.parse('{"alertname":"A","__proto__":"x","job":"api"}'), JSON.parse('{"alertname":"A","__proto__":"x","job":"db"}')];
  const common = commonLabels(sets);
  expect(Object.entries(common)).toEqual([
    ['alertname', 'A'],
    ['__proto__', 'x'],
  ]);
  expect(Object.getPrototypeOf(common)).toBe(Object.prototype);
  expect(commonLabels([])).toEqual({});
});
