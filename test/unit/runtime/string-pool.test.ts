/**
 * The string pool. That alerts then share one string a value shows only in the heap (see the
 * notifier's figures in the README); what a test can see is that no value changes, and the bound.
 */
import { expect, it } from 'vitest';
import { StringPool } from '../../../src/runtime/model/string-pool.ts';

it('leaves every label value as it was, holding one string for each distinct value', () => {
  const pool = new StringPool();
  const sets = ['crm', 'erp', 'crm'].map((connector) => JSON.parse(JSON.stringify({ alertname: 'SyncStalled', connector })) as Record<string, string>);
  for (const labels of sets) pool.internValues(labels);
  expect(sets).toEqual([
    { alertname: 'SyncStalled', connector: 'crm' },
    { alertname: 'SyncStalled', connector: 'erp' },
    { alertname: 'SyncStalled', connector: 'crm' },
  ]);
  expect(pool.size).toBe(3);
});

it('starts over once it holds its limit, so values that never repeat cannot grow it for ever', () => {
  const pool = new StringPool(3);
  for (const value of ['a', 'b', 'c']) pool.intern(value);
  expect(pool.size).toBe(3);
  expect(pool.intern('d')).toBe('d');
  expect(pool.size).toBe(1);
});
