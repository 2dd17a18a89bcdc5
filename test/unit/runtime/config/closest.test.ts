import { expect, it } from 'vitest';
import { closest } from '../../../../src/runtime/config/closest.ts';

it('suggests the key a typo was meant to be, and nothing for a name unlike them all', () => {
  const keys = ['group_by', 'group_wait', 'group_interval', 'matchers', 'op', 'routes'];
  expect(closest('grop_wait', keys)).toBe('group_wait');
  expect(closest('group_intervall', keys)).toBe('group_interval');
  expect(closest('route', keys)).toBe('routes');
  expect(closest('severity', keys)).toBeUndefined();
  // Within two edits, but nothing of it is kept.
  expect(closest('x', keys)).toBeUndefined();
  expect(closest('ab', keys)).toBeUndefined();
});
