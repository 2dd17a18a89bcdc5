import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../../src/compiler/build.ts';
import { flow } from '../../../../src/compiler/dashboard/layout.ts';
import { splitThreshold } from '../../../../src/compiler/dashboard/rules-dashboard.ts';
import { formatDiagnostic } from '../../../../src/compiler/diagnostics.ts';
import { panel } from '../../../../src/sdk/dashboard/panels.ts';
import { createProject, FIXTURE_METRICS, type ProjectFixture } from '../../../support/project-fixture.ts';

let fixture: ProjectFixture | undefined;
afterEach(() => fixture?.remove());

async function errorsOf(panels: string, uid = 'ops'): Promise<string[]> {
  fixture = createProject({
    'rules/metrics.ts': FIXTURE_METRICS,
    'dashboards/ops.ts': `import { dashboard, panel, query, promql, row } from 'alertforge';
export const d = dashboard({ uid: '${uid}', title: 'Ops', rows: [row('r', [
${panels}
])] });`,
  });
  const result = await compile(fixture.root, { typecheck: false });
  return result.diagnostics.errors.map((d) => formatDiagnostic(d, fixture!.root));
}

describe('dashboard checks', () => {
  it('reports an unknown metric in a panel query, naming dashboard and panel', async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Depth', queries: [query('queue_dpth')] }),`)).toEqual([
      expect.stringContaining('dashboards/ops.ts:2: error: dashboard "ops" panel "Depth": PromQL "queue_dpth": unknown metric "queue_dpth"'),
    ]);
  });

  it('reports a legend naming a label the query dropped', async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Depth', queries: [query('sum by (connector) (queue_depth)', { legend: '{{instance}}' })] }),`)).toEqual([
      expect.stringContaining('dashboard "ops" panel "Depth": legend names "instance", which the query does not keep\n    it keeps: connector'),
    ]);
  });

  it("accepts Grafana's variables in queries", async () => {
    expect(await errorsOf(`panel.timeseries({ title: 'Rate', queries: [query('sum(rate(ops_total{connector=~"$connector"}[$__rate_interval]))')] }),`)).toEqual([]);
  });

  it('reports a bad uid and a bad width', async () => {
    const errors = await errorsOf(`panel.text({ title: 'Note', content: 'x', width: 30 }),`, 'has spaces');
    expect(errors).toEqual([
      expect.stringContaining('dashboard "has spaces": the uid must be 1 to 40 letters, digits, - or _'),
      expect.stringContaining('dashboard "has spaces" panel "Note": width 30 must be a whole number from 1 to 24'),
    ]);
  });
});

describe('layout and thresholds', () => {
  it('flows panels left to right and wraps at 24 columns', () => {
    const p = (width: number, height = 8) => panel.text({ title: 't', content: '', width, height });
    expect(flow([p(12), p(12), p(8, 4), p(24)], 5).positions).toEqual([
      { x: 0, y: 5, w: 12, h: 8 },
      { x: 12, y: 5, w: 12, h: 8 },
      { x: 0, y: 13, w: 8, h: 4 },
      { x: 0, y: 17, w: 24, h: 8 },
    ]);
  });

  it("finds an alert's threshold in its final comparison", () => {
    expect(splitThreshold('connector:x:ratio > 0.05')).toEqual({ value: 'connector:x:ratio', threshold: 0.05 });
    expect(splitThreshold('sum by (c) (x) > 1000 and on (c) sum by (c) (deriv(x[15m])) > 0')).toEqual({ value: 'sum by (c) (x)', threshold: 1000 });
    expect(splitThreshold('absent(up{job="x"})')).toBeUndefined();
  });
});
