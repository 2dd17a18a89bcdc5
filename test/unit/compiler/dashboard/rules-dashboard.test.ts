import { describe, expect, it } from 'vitest';
import { RULES_DASHBOARD_MAX_PANELS, rulesDashboard, splitThreshold } from '../../../../src/compiler/dashboard/rules-dashboard.ts';
import { Diagnostics } from '../../../../src/compiler/diagnostics.ts';
import { analyzePromql } from '../../../../src/compiler/promql/analyze.ts';
import type { AnalyzedGroup } from '../../../../src/compiler/project.ts';
import type { TimeseriesPanel } from '../../../../src/sdk/dashboard/panels.ts';
import { alert, ruleGroup } from '../../../../src/sdk/rules.ts';

describe("an alert's threshold, from its expression's comparison", () => {
  it.each([
    ['connector:x:ratio > 0.05', { value: 'connector:x:ratio', op: '>', threshold: 0.05 }],
    ['0.1 > avg by (instance) (idle)', { value: 'avg by (instance) (idle)', op: '<', threshold: 0.1 }],
    ['sum by (c) (x) > 1000 and on (c) sum by (c) (deriv(x[15m])) > 0', { value: 'sum by (c) (x)', op: '>', threshold: 1000 }],
    ['(max without (w) (r1h > (14.4 * 0.05)) and max without (w) (r5m > (14.4 * 0.05))) or (r6h > 6 * 0.05)', { value: 'r1h', op: '>', threshold: 0.72 }],
    ['up == 0', { value: 'up', op: '==', threshold: 0 }],
    ['x < -1', { value: 'x', op: '<', threshold: -1 }],
  ])('%s', (expr, expected) => {
    expect(splitThreshold(expr)).toEqual(expected);
  });

  it.each(['absent(up{job="x"})', 'vector(1)', 'a > b', 'rate(x[5m])'])('%s has none', (expr) => {
    expect(splitThreshold(expr)).toBeUndefined();
  });
});

const group = (name: string, ...rules: ReturnType<typeof alert>[]): AnalyzedGroup => ({
  group: ruleGroup({ name, rules }),
  file: `/p/rules/${name}.rules.ts`,
  rules: rules.map((rule) => ({ rule, analysis: analyzePromql(rule.expr, () => undefined) })),
});

describe('the rules dashboard', () => {
  const down = alert({ name: 'Down', expr: 'up == 0', for: '5m', severity: 'critical', summary: 'Down.' });
  const slow = alert({ name: 'Slow', expr: 'latency > 2', for: '10m', severity: 'warning', summary: 'Slow.' });
  const idle = alert({ name: 'Idle', expr: 'idle < 0.1', for: '10m', severity: 'critical', summary: 'Busy.' });

  it('has a row per group with alerts, a panel per alert, each drawn against its threshold on the firing side', () => {
    const dashboard = rulesDashboard([group('a', slow, idle), group('empty'), group('b', down)], new Diagnostics())!;
    expect(dashboard.rows!.map((r) => [r.title, r.panels.map((p) => p.title)])).toEqual([
      ['Group a', ['Slow (warning)', 'Idle (critical)']],
      ['Group b', ['Down (critical)']],
    ]);
    const [slowPanel, idlePanel] = dashboard.rows![0]!.panels as TimeseriesPanel[];
    expect(slowPanel!.queries[0]!.expr).toBe('latency');
    expect(slowPanel!.thresholds).toEqual({ base: 'green', steps: [{ value: 2, color: 'orange' }] });
    expect(idlePanel!.thresholds).toEqual({ base: 'red', steps: [{ value: 0.1, color: 'green' }] });
    expect(idlePanel!.description).toBe('Fires when < 0.1 for 10m. Summary: Busy.');
    // An equality has no firing side to colour.
    expect((dashboard.rows![1]!.panels[0] as TimeseriesPanel).thresholds).toBeUndefined();
  });

  it('tells apart an alert name reused in another group, since titles give panels their ids', () => {
    const dashboard = rulesDashboard([group('a', slow), group('b', slow)], new Diagnostics())!;
    expect(dashboard.rows!.flatMap((r) => r.panels.map((p) => p.title))).toEqual(['Slow (warning)', 'Slow (warning) in b']);
  });

  it('opens with its rows collapsed when there are many alerts', () => {
    expect(rulesDashboard([group('a', slow, idle)], new Diagnostics())!.rows!.every((r) => !r.collapsed)).toBe(true);
    const many = Array.from({ length: 61 }, (_, i) => alert({ name: `A${i}`, expr: `x > ${i}`, for: '1m', severity: 'info', summary: 'A.' }));
    expect(rulesDashboard([group('big', ...many)], new Diagnostics())!.rows!.every((r) => r.collapsed)).toBe(true);
  });

  it(`draws all ${RULES_DASHBOARD_MAX_PANELS} alerts it may, without a warning`, () => {
    const diagnostics = new Diagnostics();
    const alerts = Array.from({ length: RULES_DASHBOARD_MAX_PANELS }, (_, i) => alert({ name: `A${i}`, expr: `x > ${i}`, for: '1m', severity: 'info', summary: 'A.' }));
    expect(rulesDashboard([group('all', ...alerts)], diagnostics)!.rows![0]!.panels).toHaveLength(RULES_DASHBOARD_MAX_PANELS);
    expect(diagnostics.items).toEqual([]);
  });

  it('past its limit draws the most severe alerts in their groups, says so in its description, and warns', () => {
    const diagnostics = new Diagnostics();
    const info = (g: string) => Array.from({ length: RULES_DASHBOARD_MAX_PANELS }, (_, i) => alert({ name: `${g}Info${i}`, expr: `x > ${i}`, for: '1m', severity: 'info', summary: 'A.' }));
    const page = (name: string, severity: 'critical' | 'emergency') => alert({ name, expr: 'up == 0', for: '1m', severity, summary: 'Down.' });
    const dashboard = rulesDashboard([group('a', ...info('A'), page('ADown', 'critical')), group('quiet', ...info('Q')), group('b', page('BDown', 'emergency'), slow)], diagnostics)!;
    const titles = dashboard.rows!.map((r) => [r.title, r.panels.map((p) => p.title)] as const);
    expect(titles.flatMap(([, panels]) => panels)).toHaveLength(RULES_DASHBOARD_MAX_PANELS);
    // Pages first, then warnings, then as many infos as fit, in declaration order; rows keep group order.
    expect(titles.map(([row]) => row)).toEqual(['Group a', 'Group b']);
    expect(titles[0]![1].at(-1)).toBe('ADown (critical)');
    expect(titles[0]![1][RULES_DASHBOARD_MAX_PANELS - 4]).toBe(`AInfo${RULES_DASHBOARD_MAX_PANELS - 4} (info)`);
    expect(titles[1]![1]).toEqual(['BDown (emergency)', 'Slow (warning)']);
    const total = 2 * RULES_DASHBOARD_MAX_PANELS + 3;
    expect(dashboard.description).toContain(`The ${RULES_DASHBOARD_MAX_PANELS} most severe of the ${total} alerts.`);
    expect(diagnostics.warnings.map((d) => `${d.subject}: ${d.message}`)).toEqual([
      `dashboard "alertforge-rules": draws the ${RULES_DASHBOARD_MAX_PANELS} most severe of the ${total} alerts: Grafana crawls with more panels than that`,
    ]);
  });

  it('is not made without alerts', () => {
    expect(rulesDashboard([group('empty')], new Diagnostics())).toBeUndefined();
  });
});
