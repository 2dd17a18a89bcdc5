/**
 * Fingerprints are Alertmanager's (Prometheus's LabelSet.Fingerprint), so what keys alerts by them
 * keeps working when a team moves; each value below is what Alertmanager 0.25 answered for the same
 * labels. They are also written to the state file: fingerprint-migration.ts brings a file from
 * before up to date.
 */
import { expect, it } from 'vitest';
import { commonLabels, compareLabelSets, fingerprint } from '../../../src/runtime/model/labels.ts';

it("computes Alertmanager's fingerprints, non-ASCII labels (as UTF-8) and lone surrogates (as U+FFFD) included", () => {
  expect(fingerprint({ alertname: 'SyncErrorRateHigh', connector: 'crm', severity: 'page' })).toBe('a01a0a78ce6cea14');
  expect(fingerprint({ alertname: 'Watchdog' })).toBe('003b0a0f7d3fa569');
  expect(fingerprint({ alertname: 'Ünïcode', job: '東京' })).toBe('f9e8023055e31421');
  expect(fingerprint({ a: 'é€😀' })).toBe('5dc61f78d93c8e47');
  expect(fingerprint(JSON.parse('{"a":"x\\ud800y"}'))).toBe('31a7df79e40a12d8');
  expect(fingerprint(JSON.parse('{"b":"\\udc00\\ud83d\\ude00\\u00ff"}'))).toBe('0ce9b46337b0d6e1');
  // Prometheus's fingerprint of no labels: FNV-1a's offset basis.
  expect(fingerprint({})).toBe('cbf29ce484222325');
});

it('does not depend on the order the labels come in', () => {
  expect(fingerprint({ severity: 'page', connector: 'crm', alertname: 'SyncErrorRateHigh' })).toBe('a01a0a78ce6cea14');
  expect(fingerprint({ b: '2', c: '3', a: '1' })).toBe(fingerprint({ a: '1', b: '2', c: '3' }));
});

it('tells apart label sets whose names and values run together', () => {
  expect(fingerprint({ a: 'bc' })).toBe('a0a3542c19b900ab');
  expect(fingerprint({ ab: 'c' })).toBe('20ba9b3025a8b421');
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
