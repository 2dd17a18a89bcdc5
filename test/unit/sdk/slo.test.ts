import { describe, expect, it } from 'vitest';
import { counter, histogram, ne, slo, sloAlertName, sloInhibitions } from '../../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['status'] });
const latency = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['route'], buckets: [0.1, 0.5, 2] });

describe('slo()', () => {
  it('takes bad and total events from catalog counters, narrowed by matchers', () => {
    const s = slo({ service: 'api', name: 'success', objective: 99.9, sli: { bad: ops.select({ status: ne('ok') }), total: ops } });
    expect(s.sli).toEqual({ bad: 'ops_total{status!="ok"}', good: undefined, total: 'ops_total', latency: undefined });
    expect(s.windowDays).toBe(30);
  });

  it('counts a latency SLI\'s good events from the bucket at the threshold', () => {
    const s = slo({ service: 'api', name: 'fast', objective: 95, sli: { histogram: latency, threshold: 0.5, matchers: { route: '/sync' } } });
    expect(s.sli.good).toBe('op_duration_seconds_bucket{route="/sync", le="0.5"}');
    expect(s.sli.total).toBe('op_duration_seconds_count{route="/sync"}');
  });

  it('matches a whole-number threshold\'s bucket as Prometheus 2 (le="2") and 3 (le="2.0") store it', () => {
    const s = slo({ service: 'api', name: 'fast', objective: 95, sli: { histogram: latency, threshold: 2 } });
    expect(s.sli.good).toBe('op_duration_seconds_bucket{le=~"2|2\\\\.0"}');
  });

  it("matches a tiny or huge threshold's bucket as a JavaScript client (le=\"0.00005\") and a Go client or Prometheus 3 (le=\"5e-05\") store it", () => {
    const fine = histogram({ name: 'op_duration_seconds', help: 'Latency.', labels: ['route'], buckets: [0.00005, 0.1, 1e6] });
    const good = (threshold: number) => slo({ service: 'api', name: 'fast', objective: 95, sli: { histogram: fine, threshold } }).sli.good;
    expect(good(0.00005)).toBe('op_duration_seconds_bucket{le=~"0\\\\.00005|5e-05"}');
    expect(good(1e6)).toBe('op_duration_seconds_bucket{le=~"1000000|1e\\\\+06"}');
    expect(good(0.1)).toBe('op_duration_seconds_bucket{le="0.1"}');
  });

  it('has a page and a ticket tier by default, with the workbook windows', () => {
    const s = slo({ service: 'api', name: 'success', objective: 99.9, sli: { bad: ops, total: ops } });
    expect(s.tiers.map((t) => [t.label, t.severity, t.windows.map((w) => `${w.long}/${w.short}@${w.budgetShare}`)])).toEqual([
      ['page', 'critical', ['1h/5m@0.02', '6h/30m@0.05']],
      ['ticket', 'warning', ['1d/2h@0.1', '3d/6h@0.1']],
    ]);
  });

  it('turns a tier off, re-labels it and gives it other windows', () => {
    const s = slo({
      service: 'api', name: 'success', objective: 99.9, sli: { bad: ops, total: ops },
      page: { label: 'urgent', windows: [{ long: '2h', short: '10m', budgetShare: 0.05 }] },
      ticket: false,
    });
    expect(s.tiers).toHaveLength(1);
    expect(s.tiers[0]).toMatchObject({ tier: 'page', label: 'urgent', severity: 'critical', windows: [{ long: '2h', short: '10m', budgetShare: 0.05 }] });
    expect(sloAlertName(s, 'urgent')).toBe('SuccessBudgetBurnUrgent');
  });

  it('lets each SLO\'s page mute its own ticket, and only where both tiers exist', () => {
    const success = slo({ service: 'api', name: 'success', objective: 99.9, sli: { bad: ops, total: ops }, page: { label: 'urgent' } });
    const pageOnly = slo({ service: 'api', name: 'fast', objective: 95, sli: { bad: ops, total: ops }, ticket: false });
    expect(sloInhibitions(success, pageOnly).map((i) => [i.sourceMatchers, i.targetMatchers])).toEqual([
      [{ slo_service: 'api', slo: 'success', slo_tier: 'urgent' }, { slo_service: 'api', slo: 'success', slo_tier: 'ticket' }],
    ]);
  });
});
