/** The inhibit stage, with Alertmanager's rules for equal labels and alerts matching both sides. */
import { expect, it } from 'vitest';
import type { Alert } from '../../../src/runtime/model/alert.ts';
import { fingerprint } from '../../../src/runtime/model/labels.ts';
import { Inhibitor } from '../../../src/runtime/pipeline/inhibit.ts';

const alert = (labels: Record<string, string>): Alert => ({ fingerprint: fingerprint(labels), labels, annotations: {}, startsAt: 0, endsAt: 1, timeout: false, generatorURL: '', updatedAt: 0 });
const is = (label: string, value: string) => ({ label, op: '=' as const, value });

it('mutes targets sharing the equal labels with a firing source, and no others', () => {
  const source = alert({ severity: 'critical', connector: 'crm' });
  const inhibitor = new Inhibitor([{ source_matchers: [is('severity', 'critical')], target_matchers: [is('severity', 'warning')], equal: ['connector'] }], [source]);
  expect(inhibitor.inhibitedBy(alert({ severity: 'warning', connector: 'crm' }))).toEqual([source.fingerprint]);
  expect(inhibitor.inhibitedBy(alert({ severity: 'warning', connector: 'erp' }))).toEqual([]);
  expect(inhibitor.inhibitedBy(alert({ severity: 'critical', connector: 'crm' }))).toEqual([]);
});

it('lets an alert matching both sides be muted only by sources that are not targets too', () => {
  const rule = { source_matchers: [is('team', 'sync')], target_matchers: [is('team', 'sync')], equal: [] };
  const a = alert({ team: 'sync', alertname: 'A' });
  const b = alert({ team: 'sync', alertname: 'B' });
  expect(new Inhibitor([rule], [a, b]).inhibitedBy(a)).toEqual([]);
});
