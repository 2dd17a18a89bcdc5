/**
 * The string pool. That alerts then share one string a value shows only in the heap (see the
 * notifier's figures in the README); what a test can see is that no value changes, and the bounds.
 */
import { expect, it } from 'vitest';
import { StringPool } from '../../../src/runtime/model/string-pool.ts';

it('leaves every label value as it was', () => {
  const pool = new StringPool();
  const sets = ['crm', 'erp', 'crm'].map((connector) => JSON.parse(JSON.stringify({ alertname: 'SyncStalled', connector })) as Record<string, string>);
  for (const labels of sets) pool.internValues(labels);
  expect(sets).toEqual([
    { alertname: 'SyncStalled', connector: 'crm' },
    { alertname: 'SyncStalled', connector: 'erp' },
    { alertname: 'SyncStalled', connector: 'crm' },
  ]);
});

it('stops pooling a label once it has more distinct values than a pool holds, and keeps pooling the others', () => {
  const pool = new StringPool(3);
  for (let i = 0; i < 10; i++) pool.internValues({ alertname: `A${i % 2}`, instance: `host-${i}` });
  expect(pool.pooling('alertname')).toBe(true);
  expect(pool.pooling('instance')).toBe(false);
  expect(pool.intern('instance', 'host-99')).toBe('host-99');
});

it('pools at most so many label names, so names without end cannot grow it for ever', () => {
  const pool = new StringPool(3, 2);
  pool.internValues({ a: '1', b: '1', c: '1' });
  expect(['a', 'b', 'c'].map((name) => pool.pooling(name))).toEqual([true, true, false]);
});
