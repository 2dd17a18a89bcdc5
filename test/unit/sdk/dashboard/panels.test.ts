import { describe, expect, it } from 'vitest';
import { counter, dashboard, panel, query, rate, row, sum } from '../../../../src/sdk/index.ts';

const ops = counter({ name: 'ops_total', help: 'Operations.', labels: ['connector', 'status'] });

describe('panels and queries', () => {
  it('a legend function prints Grafana placeholders for the labels the query keeps', () => {
    const q = query(sum(rate(ops.range('5m')), { by: ['connector', 'status'] }), { legend: (l) => `${l.connector} (${l.status})` });
    expect(q).toEqual({ kind: 'query', expr: 'sum by (connector, status) (rate(ops_total[5m]))', legend: '{{connector}} ({{status}})', instant: false });
  });

  it('raw PromQL and a legend string pass through, to be checked at build time', () => {
    expect(query('up', { legend: '{{instance}}', instant: true })).toEqual({ kind: 'query', expr: 'up', legend: '{{instance}}', instant: true });
  });

  // The build maps the line through its bundle's source map (dashboard-checks.test.ts checks it).
  it('a panel records the file it was written in, for error messages', () => {
    const p = panel.stat({ title: 'Ops', queries: [query('up')] });
    expect(p.source?.file).toMatch(/panels\.test\.ts$/);
    expect(p.type).toBe('stat');
  });

  it('a dashboard is an SDK object of kind dashboard, its rows open unless told', () => {
    const d = dashboard({ uid: 'd', title: 'D', rows: [row('R', []), row('S', [], { collapsed: true })] });
    expect(d.kind).toBe('dashboard');
    expect(d.rows!.map((r) => r.collapsed)).toEqual([false, true]);
  });
});
